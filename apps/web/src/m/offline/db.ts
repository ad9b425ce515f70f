import { type DBSchema, deleteDB, type IDBPDatabase, openDB, type StoreKey, type StoreNames, type StoreValue } from 'idb';
import type { OfflineCourse, StoredFile } from './course-store';
import type { OfflineExam } from './exam-store';
import { clearLastSeen } from './last-seen';
import type { OutboxEntry } from './outbox';

/**
 * The phone's offline store (IndexedDB `vg-offline`, through `idb`): the outbox of writes waiting
 * for signal, downloaded exam papers (with the answers given offline), downloaded courses and their
 * files. Everything here is personal: it is deleted on logout (clearOfflineData), and when a
 * different login signs in on the phone (claimOfflineData). The last-seen copies of pages live in a
 * database of their own (last-seen.ts), deleted with this one.
 */
interface OfflineSchema extends DBSchema {
  outbox: { key: string; value: OutboxEntry };
  exams: { key: number; value: OfflineExam };
  courses: { key: number; value: OfflineCourse };
  files: { key: string; value: StoredFile };
}
export type StoreName = StoreNames<OfflineSchema>;

const DB_NAME = 'vg-offline';
/**
 * The schema's version. A change adds a step to `upgrade` under a new number; a phone upgrading from
 * any older version runs every step after its own, so none is skipped and no data is dropped.
 */
const VERSION = 1;

let opening: Promise<IDBPDatabase<OfflineSchema>> | null = null;

function open(): Promise<IDBPDatabase<OfflineSchema>> {
  opening ??= openDB<OfflineSchema>(DB_NAME, VERSION, {
    upgrade(db, oldVersion) {
      // 1 (issue 7): the outbox, downloaded papers, courses and their files.
      if (oldVersion < 1) {
        db.createObjectStore('outbox', { keyPath: 'key' });
        db.createObjectStore('exams', { keyPath: 'attemptId' });
        db.createObjectStore('courses', { keyPath: 'id' });
        db.createObjectStore('files', { keyPath: 'url' });
      }
    },
    // Another tab deletes the database (logout) or opens a newer version: let it, open again when needed.
    blocking() {
      void opening?.then((db) => db.close());
      opening = null;
    },
    terminated() {
      opening = null;
    },
  }).catch((e) => {
    opening = null;
    throw e;
  });
  return opening;
}

export const idbGet = async <S extends StoreName>(store: S, key: StoreKey<OfflineSchema, S>) => (await open()).get(store, key);
export const idbAll = async <S extends StoreName>(store: S) => (await open()).getAll(store);
export const idbPut = async <S extends StoreName>(store: S, value: StoreValue<OfflineSchema, S>) => (await open()).put(store, value);
export const idbDelete = async <S extends StoreName>(store: S, key: StoreKey<OfflineSchema, S>) => (await open()).delete(store, key);

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

/** Deletes everything the phone kept (logout): papers, answers, courses, files, the outbox and the last-seen pages. */
export async function clearOfflineData(): Promise<void> {
  localStorage.removeItem(OWNER_KEY);
  if (opening) {
    const db = await opening.catch(() => null);
    db?.close();
    opening = null;
  }
  await Promise.all([deleteDB(DB_NAME).catch(() => undefined), clearLastSeen()]);
}

/** Whether a database exists, without creating it (true where the browser cannot tell). */
export async function storeExists(name = DB_NAME): Promise<boolean> {
  if (typeof indexedDB.databases !== 'function') return true;
  try {
    return (await indexedDB.databases()).some((d) => d.name === name);
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
