/**
 * The phone's offline store (IndexedDB `vg-offline`): the outbox of writes waiting for signal,
 * downloaded exam papers (with the answers given offline), downloaded courses and their files.
 * Everything here is personal: it is deleted on logout (clearOfflineData), and when a different
 * login signs in on the phone (claimOfflineData).
 */
const DB_NAME = 'vg-offline';
const VERSION = 1;
export type StoreName = 'outbox' | 'exams' | 'courses' | 'files';
const KEYS: Record<StoreName, string> = { outbox: 'key', exams: 'attemptId', courses: 'id', files: 'url' };

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  if (!opening)
    opening = new Promise((resolve, reject) => {
      const req = indexedDB.open(DB_NAME, VERSION);
      req.onupgradeneeded = () => {
        for (const [name, keyPath] of Object.entries(KEYS))
          if (!req.result.objectStoreNames.contains(name)) req.result.createObjectStore(name, { keyPath });
      };
      req.onsuccess = () => {
        const db = req.result;
        // Another tab deleting the database (logout) closes ours.
        db.onversionchange = () => {
          db.close();
          opening = null;
        };
        resolve(db);
      };
      req.onerror = () => {
        opening = null;
        reject(req.error);
      };
    });
  return opening;
}

function run<T>(store: StoreName, mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest): Promise<T> {
  return open().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(store, mode);
        const req = fn(tx.objectStore(store));
        tx.oncomplete = () => resolve(req.result as T);
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      }),
  );
}

export const idbGet = <T>(store: StoreName, key: IDBValidKey) => run<T | undefined>(store, 'readonly', (s) => s.get(key));
export const idbAll = <T>(store: StoreName) => run<T[]>(store, 'readonly', (s) => s.getAll());
export const idbPut = <T>(store: StoreName, value: T) => run<IDBValidKey>(store, 'readwrite', (s) => s.put(value));
export const idbDelete = (store: StoreName, key: IDBValidKey) => run<undefined>(store, 'readwrite', (s) => s.delete(key));

const OWNER_KEY = 'vg.offline.owner';

/**
 * At login: what the phone stores belongs to the login that stored it. Another login — the last
 * session expired, or the phone changed hands, without a logout — finds it gone (so does a phone
 * whose data has no recorded owner). True when something was cleared for the new owner.
 */
export async function claimOfflineData(username: string): Promise<boolean> {
  const who = username.trim().toLowerCase();
  if (localStorage.getItem(OWNER_KEY) === who) return false;
  await clearOfflineData();
  localStorage.setItem(OWNER_KEY, who);
  return true;
}

/** Deletes the whole offline store (logout): papers, answers, courses, files and the outbox. */
export async function clearOfflineData(): Promise<void> {
  localStorage.removeItem(OWNER_KEY);
  if (opening) {
    const db = await opening.catch(() => null);
    db?.close();
    opening = null;
  }
  await new Promise<void>((resolve) => {
    const req = indexedDB.deleteDatabase(DB_NAME);
    req.onsuccess = () => resolve();
    req.onerror = () => resolve();
    req.onblocked = () => resolve();
  });
}

/** Whether the offline store exists, without creating it (true where the browser cannot tell). */
export async function storeExists(): Promise<boolean> {
  if (typeof indexedDB.databases !== 'function') return true;
  try {
    return (await indexedDB.databases()).some((d) => d.name === DB_NAME);
  } catch {
    return true;
  }
}

export function uuid(): string {
  // randomUUID needs a secure context; a phone on plain http inside the mine network has only getRandomValues.
  if (window.isSecureContext && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
