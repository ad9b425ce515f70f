import type { ActorCtx } from '../context.js';

/**
 * Who may read an uploaded file (issue 15 item 8): whoever can read a record that owns it, and
 * nobody else. A file owns nothing by itself; a module links it to its records (a payment's proof,
 * a meeting's photos, a recruitment step's documents, a member's photo, a course's file) and
 * registers here, for its kind of record, how to find the records holding a file and whether the
 * actor may read each one — its own read rule, so the file follows the record. Between upload and
 * attachment only the uploader reads it.
 */
export interface FileOwnerKind {
  /** The owning record's kind as the audit names it (`dues.payment`, `meeting`, `recruitment.step`…). */
  kind: string;
  /** A personal file (proofs, documents about one person): every download is audited. */
  personal: boolean;
  /** The records of this kind holding the file, each with whether the actor may read it. */
  owners(ctx: ActorCtx, fileId: string): Promise<{ id: number | string; readable: boolean }[]>;
}

const kinds = new Map<string, FileOwnerKind>();

/** A module registers its kind once (its routes plugin calls this; registering again replaces it). */
export function registerFileOwner(kind: FileOwnerKind): void {
  kinds.set(kind.kind, kind);
}

export interface FileAccess {
  /** The records (kind and id) through which the actor may read the file. */
  via: { kind: string; id: number | string }[];
  /** Whether any record holding the file is personal (the download is audited). */
  personal: boolean;
  /** Whether any record holds the file at all. */
  linked: boolean;
}

/** The records holding the file and which of them the actor can read. */
export async function fileAccess(ctx: ActorCtx, fileId: string): Promise<FileAccess> {
  const out: FileAccess = { via: [], personal: false, linked: false };
  for (const k of kinds.values()) {
    const owners = await k.owners(ctx, fileId);
    if (owners.length === 0) continue;
    out.linked = true;
    if (k.personal) out.personal = true;
    for (const o of owners) if (o.readable) out.via.push({ kind: k.kind, id: o.id });
  }
  return out;
}

/** The kinds registered (the security self-check and the docs list them). */
export const fileOwnerKinds = () => [...kinds.values()].map((k) => ({ kind: k.kind, personal: k.personal }));
