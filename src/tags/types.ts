import type { LotUri, PartyUri } from '../custody/index.js';

/** What became of an issued tag besides being used: nothing yet, voided (spoilt, cancelled) or lost. */
export const TAG_STATES = ['issued', 'voided', 'lost'] as const;
export type TagState = (typeof TAG_STATES)[number];

/** One serialised tag an organisation issued to an agent (GOLD-RULES s.3), and what became of it. */
export interface TagIssue {
  /** The organisation that keeps the tag registry and issued the tag. */
  org: PartyUri;
  serial: string;
  /** The party the tag was handed to: a field agent, cooperative or trading house. */
  agent: PartyUri;
  /** YYYY-MM-DD. */
  issuedOn: string;
  issuedBy: string;
  state: TagState;
  /** For a voided or lost tag: the day it was declared, by whom and why. */
  stateOn?: string;
  stateBy?: string;
  reason?: string;
}

/** One use of a tag in the ledger: a production lot, a pack (bag) or a transformation output. */
export interface TagUse {
  serial: string;
  seq: number;
  type: 'production' | 'pack' | 'transform';
  /** Local date of the event (YYYY-MM-DD). */
  day: string;
  recorder: PartyUri;
  /** Parties the use counts as theirs: the recorder, and the producer of a production. */
  users: PartyUri[];
  /** The lots the tag went on. */
  lots: LotUri[];
}

/** A physical count of an agent's tags on hand on a day: a number, or the serials themselves. */
export interface TagCount {
  id: string;
  org: PartyUri;
  agent: PartyUri;
  countedOn: string;
  onHand: number;
  /** The serials found, when the count was made serial by serial. */
  serials?: string[];
  countedBy: string;
}

/** An agent's tag stock on a day: issued = used + voided + lost + on hand. */
export interface TagStock {
  agent: PartyUri;
  date: string;
  issued: number;
  used: number;
  voided: number;
  lost: number;
  onHand: number;
  /** The serials the records say are on hand. */
  onHandSerials: string[];
}

/** A physical count against the stock the records give for the same agent and day. */
export interface TagReconciliation {
  stock: TagStock;
  count: TagCount;
  /** Counted minus expected. */
  difference: number;
  /** Serials the records say are on hand and the count did not find (count by serial only). */
  missing: string[];
  /** Serials counted that the records do not have on hand (count by serial only). */
  extra: string[];
  reconciled: boolean;
}
