import { api, ApiError } from '../api';
import { useI18n } from '../i18n';
import { EventList } from '../trace/events';
import { summariseEvent, type EpcisEvent, type EventSummary } from '../trace/model';
import { Loaded, useLoad } from '../use-load';

/** GET /ledger/records/{seq}: one ledger record with its EPCIS event. */
interface LedgerRecordView {
  seq: number;
  eventId: string;
  eventType: string;
  recordTime: string;
  event: EpcisEvent;
}

/**
 * Records fetched at most (one request each): the latest, since a rule lists the raising event last. A tag stock
 * count can cite fifty records; the facts above list every number.
 */
export const MAX_RECORDS = 20;

/** What the records of an incident came to: the events the caller may see, and the numbers of those it may not. */
interface Read {
  shown: { seq: number; event: EventSummary }[];
  hidden: number[];
}

/** A record, or undefined when the API answers 404 (another organisation's event reads like a missing one). */
async function recordOrNothing(seq: number): Promise<LedgerRecordView | undefined> {
  try {
    return await api.get<LedgerRecordView>(`/ledger/records/${seq}`);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return undefined;
    throw err;
  }
}

/**
 * The ledger records an incident read, each as its event (time, business step, parties, lots linked to their trace,
 * quantities), summarised by the trace explorer's own EventList; the records the caller may not see are named by number.
 */
export function IncidentRecords({ seqs, own }: { seqs: readonly number[]; own: string | undefined }) {
  const { t, fmt } = useI18n();
  const key = seqs.slice(-MAX_RECORDS).join(',');
  const earlier = Math.max(0, seqs.length - MAX_RECORDS);
  // The key is never empty (no records is an answer too, an empty list).
  const records = useLoad(`records:${key}`, async (): Promise<Read> => {
    const wanted = key ? key.split(',').map(Number) : [];
    const found = await Promise.all(wanted.map(recordOrNothing));
    return {
      shown: found.flatMap((r) => (r ? [{ seq: r.seq, event: summariseEvent(r.event) }] : [])),
      hidden: wanted.filter((_, i) => found[i] === undefined),
    };
  });
  return (
    <section aria-labelledby="records-title" className="incident-records">
      <h3 id="records-title">{t('incident.events')}</h3>
      <Loaded resource={records}>
        {(read) => (
          <>
            {read.shown.length > 0 && <EventList events={read.shown.map((r) => r.event)} lot="" own={own} label={(i) => t('incident.record', { seq: fmt.number(read.shown[i]!.seq) })} />}
            {earlier > 0 && <p className="hint">{t('incident.recordsEarlier', { count: fmt.number(earlier) })}</p>}
            {read.hidden.length > 0 && <p className="hint">{t('incident.recordsHidden', { records: read.hidden.map((s) => fmt.number(s)).join(', ') })}</p>}
          </>
        )}
      </Loaded>
    </section>
  );
}
