import { fineGoldMg, type Milligrams } from '../kernel/index.js';
import type { LotState, LotUri, Metal, PartyUri, TransformEvent } from './types.js';

/*
 * Mass-balance credits (credit method, GOLD-RULES s.3 invariant 5). An account belongs to a holder,
 * a scheme and a metal and holds dated entries of fine metal in milligrams, not one balance: each
 * entry expires by the scheme's rule in force on the day it was earned, claims spend the oldest
 * usable entry first (FIFO), and an expired entry can never back a claim.
 */

/** Credits earned by one transformation. */
export interface CreditEntry {
  /** Number of the entry in its account: 1, 2, ... in the order they were earned. */
  entry: number;
  /** Epoch ms of the event that earned it. */
  earnedAt: number;
  /** Epoch ms from which it no longer counts; absent when no expiry rule covered the scheme that day. */
  expiresAt?: number;
  amountMg: Milligrams;
  /** What is left of it after the claims that spent it. */
  remainingMg: Milligrams;
}

/** A holder's credit account for one scheme and metal, with the entries a batch has loaded. */
export interface CreditAccount {
  holder: PartyUri;
  scheme: string;
  metal: Metal;
  /** Number of the last entry ever opened (the next one is lastEntry + 1). */
  lastEntry: number;
  /** Entries with something left, oldest first (spent ones may stay, with remainingMg 0, until written). */
  entries: CreditEntry[];
}

/** Key of a credit account. */
export function creditKey(holder: PartyUri, scheme: string, metal: Metal = 'gold'): string {
  return `${holder}\u0000${scheme}\u0000${metal}`;
}

/** Splits a credit account key into holder, scheme and metal. */
export function parseCreditKey(key: string): { holder: PartyUri; scheme: string; metal: Metal } {
  const [holder = '', scheme = '', metal = 'gold'] = key.split('\u0000');
  return { holder, scheme, metal: metal as Metal };
}

/** An account with no entry yet. */
export function emptyAccount(holder: PartyUri, scheme: string, metal: Metal = 'gold'): CreditAccount {
  return { holder, scheme, metal, lastEntry: 0, entries: [] };
}

/** Whether an entry can back a claim at `at`: earned by then, not yet expired, not spent. */
export function usableAt(e: CreditEntry, at: number): boolean {
  return e.remainingMg > 0 && e.earnedAt <= at && (e.expiresAt === undefined || at < e.expiresAt);
}

/** Whether an entry had expired by `at` with something left unspent. */
export function expiredAt(e: CreditEntry, at: number): boolean {
  return e.remainingMg > 0 && e.expiresAt !== undefined && e.expiresAt <= at;
}

/** Credits that can back a claim at `at`. */
export function availableMg(account: CreditAccount | undefined, at: number): Milligrams {
  return (account?.entries ?? []).reduce((a, e) => a + (usableAt(e, at) ? e.remainingMg : 0), 0);
}

/** Credits left unspent in entries that had expired by `at`. */
export function expiredMg(account: CreditAccount | undefined, at: number): Milligrams {
  return (account?.entries ?? []).reduce((a, e) => a + (expiredAt(e, at) ? e.remainingMg : 0), 0);
}

/** Opens a new entry of `amountMg` earned at `at`. */
export function earn(account: CreditAccount, amountMg: Milligrams, at: number, expiresAt: number | undefined): void {
  account.lastEntry += 1;
  account.entries.push({ entry: account.lastEntry, earnedAt: at, ...(expiresAt !== undefined ? { expiresAt } : {}), amountMg, remainingMg: amountMg });
}

/**
 * Spends `amountMg` at `at` from the oldest usable entries first and returns what could not be
 * covered (0 when the usable credits sufficed; `decide` refuses a claim before it gets here).
 */
export function spend(account: CreditAccount, amountMg: Milligrams, at: number): Milligrams {
  let left = amountMg;
  const oldestFirst = [...account.entries].sort((a, b) => a.earnedAt - b.earnedAt || a.entry - b.entry);
  for (const e of oldestFirst) {
    if (left === 0) break;
    if (!usableAt(e, at)) continue;
    const take = Math.min(left, e.remainingMg);
    e.remainingMg -= take;
    left -= take;
  }
  return left;
}

/**
 * Credit method of mass balance, per scheme: certified fine gold going into a transformation
 * credits the holder's account for its scheme; certified fine gold claimed on outputs debits it.
 * The net amount per scheme is returned (positive: earned; negative: spent). Lots are gold.
 */
export function creditDeltas(e: TransformEvent, inputLots: LotState[], asked: Map<LotUri, number>): Map<string, number> {
  const deltas = new Map<string, number>();
  for (const lot of inputLots) {
    if (!lot.scheme) continue;
    deltas.set(lot.scheme, (deltas.get(lot.scheme) ?? 0) + fineGoldMg(asked.get(lot.lot) ?? 0, lot.fineness));
  }
  for (const out of e.outputs) {
    if (!out.scheme) continue;
    deltas.set(out.scheme, (deltas.get(out.scheme) ?? 0) - fineGoldMg(out.grossMg, out.fineness));
  }
  return deltas;
}
