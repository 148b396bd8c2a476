import { createHmac } from 'node:crypto';
import { writeEpcisDocument } from '../epcis/index.js';
import type { FeedRecord } from './types.js';

/** HTTP header carrying the signature of a delivery (REST binding, GS1-Signature). */
export const SIGNATURE_HEADER = 'GS1-Signature';

/**
 * The event as reported: the stored normalised event, which always carries its eventID (the CBV 2.0
 * hash when the capturer gave none), plus the recordTime the ledger gave it.
 */
export function reportedEvent(r: FeedRecord): Record<string, unknown> {
  const event = JSON.parse(r.body) as Record<string, unknown>;
  return event['recordTime'] === undefined ? { ...event, recordTime: new Date(r.recordTime).toISOString() } : event;
}

/** The EPCISQueryDocument (JSON-LD) POSTed to a subscriber: one batch of results of its query. */
export function queryDocument(records: FeedRecord[], meta: { queryName: string; subscriptionID: string; creationDate: string }): string {
  return writeEpcisDocument(records.map(reportedEvent), { format: 'json', documentType: 'EPCISQueryDocument', ...meta });
}

/** `sha256=` and the hex HMAC-SHA256 of the exact request body, keyed with the subscriber's signatureToken. */
export function signBody(body: string, signatureToken: string): string {
  return `sha256=${createHmac('sha256', signatureToken).update(body, 'utf8').digest('hex')}`;
}
