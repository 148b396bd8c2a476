import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { checkEvidenceUpload, MAX_EVIDENCE_BYTES, type EvidenceFile } from '../diligence/index.js';
import type { Db } from './db.js';

/** Table of migration 0016_evidence (used through `withTables`). */
export type EvidenceTables = {
  evidence_files: { org: string; sha256: string; name: string; media_type: string; size: number; content: string; uploaded_at: string; uploaded_by: string };
};

const COLUMNS = ['org', 'sha256', 'name', 'media_type', 'size', 'uploaded_at', 'uploaded_by'] as const;

function toFile(r: Omit<EvidenceTables['evidence_files'], 'content'>): EvidenceFile {
  return { org: r.org, sha256: r.sha256, name: r.name, mediaType: r.media_type, size: Number(r.size), uploadedAt: r.uploaded_at, uploadedBy: r.uploaded_by };
}

/** Evidence files per organisation, named by the SHA-256 of their bytes. */
export function evidenceStore(db: Db) {
  const k = db.kysely.withTables<EvidenceTables>() as unknown as Kysely<EvidenceTables>;
  return {
    /**
     * Stores a file for an organisation and returns it with `created` false when the same bytes were already
     * there (the first upload's name and uploader are kept). Refuses an empty, unnamed or oversized file.
     */
    async add(u: { org: string; name: string; mediaType: string; bytes: Uint8Array; uploadedAt: string; uploadedBy: string }): Promise<{ file: EvidenceFile; created: boolean }> {
      checkEvidenceUpload({ name: u.name, mediaType: u.mediaType, size: u.bytes.length }, MAX_EVIDENCE_BYTES);
      const sha256 = createHash('sha256').update(u.bytes).digest('hex');
      const row = { org: u.org, sha256, name: u.name, media_type: u.mediaType.toLowerCase(), size: u.bytes.length, uploaded_at: u.uploadedAt, uploaded_by: u.uploadedBy };
      const inserted = await k
        .insertInto('evidence_files')
        .values({ ...row, content: Buffer.from(u.bytes).toString('base64') })
        .onConflict((oc) => oc.columns(['org', 'sha256']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0) return { file: toFile(row), created: true };
      const prior = await k.selectFrom('evidence_files').select(COLUMNS).where('org', '=', u.org).where('sha256', '=', sha256).executeTakeFirstOrThrow();
      return { file: toFile(prior), created: false };
    },
    /** A file of an organisation with its bytes; undefined when that organisation holds no such file. */
    async get(org: string, sha256: string): Promise<{ file: EvidenceFile; bytes: Buffer } | undefined> {
      const r = await k.selectFrom('evidence_files').selectAll().where('org', '=', org).where('sha256', '=', sha256).executeTakeFirst();
      return r ? { file: toFile(r), bytes: Buffer.from(r.content, 'base64') } : undefined;
    },
    /** The files of an organisation, newest first, without their bytes. */
    async list(org: string): Promise<EvidenceFile[]> {
      return (await k.selectFrom('evidence_files').select(COLUMNS).where('org', '=', org).orderBy('uploaded_at', 'desc').orderBy('sha256').execute()).map(toFile);
    },
  };
}

export type EvidenceStore = ReturnType<typeof evidenceStore>;
