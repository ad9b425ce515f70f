import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject,
  randomBytes,
  randomInt,
  scrypt,
} from 'node:crypto';

/**
 * The report's cryptography (issue 18 item 4), node:crypto only — no primitive of our own:
 * - AES-256-GCM seals answers, messages and files with the report's own 256-bit key;
 * - the report key is wrapped for each handler with X25519 ECDH (an ephemeral key pair per wrap),
 *   HKDF-SHA256 and AES-256-GCM (an ECIES in the manner of libsodium's sealed box);
 * - a handler's X25519 private key is sealed under scrypt(login password, per-user salt);
 * - the receipt gives scrypt(receipt, site salt) → 64 bytes: the first half is the stored lookup hash,
 *   the second half (never stored) is the key that wraps the report key for the reporter.
 * The master key plays no part: whoever holds it, the database and the file store still holds only
 * sealed bytes (test: reports.crypto.test.ts and the dump test in reports.test.ts).
 */

const IV = 12;
const TAG = 16;

/** AES-256-GCM: iv | tag | ciphertext. `aad` binds a sealed value to its place (report id, field). */
export function seal(key: Buffer, plain: Buffer, aad: string): Buffer {
  const iv = randomBytes(IV);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([c.update(plain), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), body]);
}

export function open(key: Buffer, sealed: Buffer, aad: string): Buffer {
  const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV));
  d.setAAD(Buffer.from(aad, 'utf8'));
  d.setAuthTag(sealed.subarray(IV, IV + TAG));
  return Buffer.concat([d.update(sealed.subarray(IV + TAG)), d.final()]);
}

export const sealText = (key: Buffer, s: string, aad: string): string => seal(key, Buffer.from(s, 'utf8'), aad).toString('base64');
export const openText = (key: Buffer, b64: string, aad: string): string => open(key, Buffer.from(b64, 'base64'), aad).toString('utf8');

export const newReportKey = (): Buffer => randomBytes(32);

// ---- X25519 ----

const SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');
const rawPublic = (k: KeyObject): Buffer => k.export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length);
const publicFromRaw = (raw: Buffer): KeyObject => createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });

export interface HandlerKeyPair {
  publicKey: string;
  privateDer: Buffer;
}

export function newHandlerKeyPair(): HandlerKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return { publicKey: rawPublic(publicKey).toString('base64'), privateDer: privateKey.export({ format: 'der', type: 'pkcs8' }) };
}

const wrapKeyOf = (shared: Buffer, eph: Buffer, recipient: Buffer) =>
  Buffer.from(hkdfSync('sha256', shared, Buffer.concat([eph, recipient]), 'vanguard-report-key-wrap-v1', 32));

/** Wraps the report key for a handler's public key: eph. public (32) | AES-GCM(report key). */
export function wrapForHandler(reportKey: Buffer, publicKeyB64: string, aad: string): string {
  const recipient = Buffer.from(publicKeyB64, 'base64');
  const eph = generateKeyPairSync('x25519');
  const ephRaw = rawPublic(eph.publicKey);
  const shared = diffieHellman({ privateKey: eph.privateKey, publicKey: publicFromRaw(recipient) });
  return Buffer.concat([ephRaw, seal(wrapKeyOf(shared, ephRaw, recipient), reportKey, aad)]).toString('base64');
}

export function unwrapForHandler(wrappedB64: string, privateDer: Buffer, aad: string): Buffer {
  const wrapped = Buffer.from(wrappedB64, 'base64');
  const ephRaw = wrapped.subarray(0, 32);
  const privateKey = createPrivateKey({ key: privateDer, format: 'der', type: 'pkcs8' });
  const recipient = rawPublic(createPublicKey(privateKey));
  const shared = diffieHellman({ privateKey, publicKey: publicFromRaw(ephRaw) });
  return open(wrapKeyOf(shared, ephRaw, recipient), wrapped.subarray(32), aad);
}

// ---- password- and receipt-derived keys (scrypt) ----

/** scrypt N=2^15, r=8, p=1 (32 MiB, ~50–100 ms here): slow enough against guessing, quick enough for 200 intakes a minute. */
const SCRYPT = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

function slow(secret: string, salt: Buffer, len: number): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(secret.normalize('NFKC'), salt, len, SCRYPT, (e, k) => (e ? reject(e) : resolve(k))));
}

export async function sealPrivateKey(
  privateDer: Buffer,
  password: string,
  userId: number,
): Promise<{ privateEnc: string; kdfSalt: string }> {
  const salt = randomBytes(16);
  const key = await slow(password, salt, 32);
  return { privateEnc: seal(key, privateDer, `handler-key:${userId}`).toString('base64'), kdfSalt: salt.toString('base64') };
}

/** The handler's private key, or null when the password does not open it (e.g. after an administrator's reset). */
export async function openPrivateKey(
  row: { privateEnc: string; kdfSalt: string },
  password: string,
  userId: number,
): Promise<Buffer | null> {
  const key = await slow(password, Buffer.from(row.kdfSalt, 'base64'), 32);
  try {
    return open(key, Buffer.from(row.privateEnc, 'base64'), `handler-key:${userId}`);
  } catch {
    return null;
  }
}

/** 16 digits from the CSPRNG (about 53 bits). */
export function newReceipt(): string {
  let s = '';
  for (let i = 0; i < 16; i++) s += String(randomInt(10));
  return s;
}

export interface ReceiptKeys {
  /** Stored: finds the report. */
  lookup: string;
  /** Never stored: wraps the report key for the reporter. */
  wrapKey: Buffer;
}

export async function receiptKeys(receipt: string, siteSalt: Buffer): Promise<ReceiptKeys> {
  const out = await slow(receipt, siteSalt, 64);
  return { lookup: out.subarray(0, 32).toString('hex'), wrapKey: out.subarray(32) };
}

/** A reward claim code: 8 characters without look-alikes, collected in person with the receipt. */
export function newClaimCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let s = '';
  for (let i = 0; i < 8; i++) s += alphabet[randomInt(alphabet.length)];
  return s;
}
