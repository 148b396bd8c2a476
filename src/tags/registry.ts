import { OrpailleError, badInput, type ErrorCode } from '../kernel/index.js';
import { checkSerial } from './serials.js';
import type { TagCount, TagIssue, TagUse } from './types.js';

/** One item of a batch of tag records: taken, or refused and why. A refused item refuses the batch. */
export interface TagItemResult {
  serial: string;
  status: 'recorded' | 'rejected';
  error?: { code: ErrorCode; message: string };
}

/** A batch of tag records is all or nothing: `committed` only when every item was recorded. */
export interface TagBatchResult {
  committed: boolean;
  results: TagItemResult[];
}

/** A tag declared voided or lost. */
export interface TagDeclaration {
  serial: string;
  state: 'voided' | 'lost';
  /** YYYY-MM-DD. */
  on: string;
  by: string;
  reason?: string;
}

export interface TagFilter {
  org?: string;
  agent?: string;
  serials?: string[];
}

/** What the tag registry needs from a store (src/store/tags.ts implements it on both dialects). */
export interface TagStore {
  /** Records the issues (one issuing organisation) in one transaction if `decideIssues` takes every one; otherwise records nothing. */
  issue(items: TagIssue[], recordedAt: number): Promise<TagBatchResult>;
  /** Records declarations by the issuing organisation, all or nothing (see `decideDeclarations`). */
  declare(org: string, items: TagDeclaration[], recordedAt: number): Promise<TagBatchResult>;
  addCount(count: TagCount, recordedAt: number): Promise<void>;
  issues(filter?: TagFilter): Promise<TagIssue[]>;
  counts(filter?: { org?: string; agent?: string; id?: string }): Promise<TagCount[]>;
  /** Organisations keeping a tag registry: those that issued tags and those tags were issued to. */
  keepers(): Promise<Set<string>>;
  /** Uses of these serials in the ledger (in ledger order), only before `beforeSeq` when given. */
  uses(serials: string[], beforeSeq?: number): Promise<TagUse[]>;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Checks a YYYY-MM-DD date field. */
export function checkDay(value: string, field: string): string {
  if (!DAY.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) throw badInput(`${field} must be a date YYYY-MM-DD`, { [field]: value });
  return value;
}

function refused(err: unknown): { code: ErrorCode; message: string } {
  if (err instanceof OrpailleError) return { code: err.code, message: err.message };
  throw err;
}

/** Judges a batch of issues against the serials the organisation already issued: each serial once. */
export function decideIssues(items: readonly TagIssue[], alreadyIssued: ReadonlySet<string>): TagBatchResult {
  const seen = new Set<string>();
  const results = items.map((t): TagItemResult => {
    try {
      checkSerial(t.serial);
      checkDay(t.issuedOn, 'issuedOn');
      if (alreadyIssued.has(t.serial)) throw new OrpailleError('ORP_RECORD_EXISTS', `tag ${t.serial} was already issued`, { serial: t.serial });
      if (seen.has(t.serial)) throw badInput(`tag ${t.serial} appears twice in the batch`, { serial: t.serial });
      seen.add(t.serial);
      return { serial: t.serial, status: 'recorded' };
    } catch (err) {
      return { serial: t.serial, status: 'rejected', error: refused(err) };
    }
  });
  return { committed: results.every((r) => r.status === 'recorded'), results };
}

/** Judges declarations against the organisation's own issues: an issued tag, declared once, not before its issue day. */
export function decideDeclarations(items: readonly TagDeclaration[], issued: ReadonlyMap<string, TagIssue>): TagBatchResult {
  const seen = new Set<string>();
  const results = items.map((d): TagItemResult => {
    try {
      checkDay(d.on, 'on');
      if (!d.by.trim()) throw badInput('a declaration needs the person who makes it', { serial: d.serial });
      const t = issued.get(d.serial);
      if (!t) throw new OrpailleError('ORP_NOT_FOUND', `tag ${d.serial} was not issued by this organisation`, { serial: d.serial });
      if (t.state !== 'issued') throw new OrpailleError('ORP_STATUS_CHANGE_REFUSED', `tag ${d.serial} is already ${t.state} (${t.stateOn})`, { serial: d.serial, state: t.state });
      if (d.on < t.issuedOn) throw badInput(`tag ${d.serial} cannot be ${d.state} on ${d.on}, before its issue on ${t.issuedOn}`, { serial: d.serial });
      if (seen.has(d.serial)) throw badInput(`tag ${d.serial} appears twice in the batch`, { serial: d.serial });
      seen.add(d.serial);
      return { serial: d.serial, status: 'recorded' };
    } catch (err) {
      return { serial: d.serial, status: 'rejected', error: refused(err) };
    }
  });
  return { committed: results.every((r) => r.status === 'recorded'), results };
}
