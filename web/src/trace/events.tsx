import type { ReactNode } from 'react';
import { useI18n } from '../i18n';
import { traceHref } from './graph';
import { eventHash, lotLabel, partyCode, partyKind, type EventSummary, type Party, type Quantity } from './model';

/** Quantities shown before the rest fold into a disclosure (a packing event can list dozens of lots). */
const SHOWN_QUANTITIES = 6;

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** A party as its kind and GS1 key (names of other organisations are not the caller's to read); "you" for itself. */
export function PartyName({ uri, own }: { uri: string; own: string | undefined }) {
  const { t } = useI18n();
  if (own && uri === own) return <span title={uri}>{t('trace.party.you')}</span>;
  return <span title={uri}>{t(`trace.party.${partyKind(uri)}`, { code: partyCode(uri) })}</span>;
}

function QuantityItem({ q, current }: { q: Quantity; current: string }) {
  const { t, fmt } = useI18n();
  const label = lotLabel(q.lot);
  const amount = q.quantity === undefined ? '' : q.uom === 'GRM' ? fmt.mass(q.quantity) : `${fmt.number(q.quantity)} ${q.uom ?? ''}`;
  return (
    <li>
      {q.role !== 'lot' && `${t(`trace.quantity.${q.role}`)} `}
      {q.lot === current ? <strong>{label}</strong> : <a href={traceHref(q.lot)}>{label}</a>}
      {amount && ` — ${amount}`}
    </li>
  );
}

/**
 * The lot's events, oldest first, each with its parties, quantities and evidence. `lot` is the lot shown (not linked;
 * '' links every lot); `label` puts a word before an event's time (the incident detail: its ledger record number).
 */
export function EventList({ events, lot, own, label }: { events: EventSummary[]; lot: string; own: string | undefined; label?: (index: number) => string }) {
  const { t, tOr, fmt } = useI18n();
  if (events.length === 0) return <p>{t('trace.events.none')}</p>;
  const party = (p: Party) => (
    <li key={`${p.side}:${p.type}:${p.uri}`}>
      <PartyName uri={p.uri} own={own} />
      {p.side !== 'recorder' && ` (${t(`trace.side.${p.side}`)}, ${tOr(`trace.partyType.${p.type}`, p.type)})`}
    </li>
  );
  return (
    <ol className="events">
      {events.map((e, i) => {
        const shown = e.quantities.slice(0, SHOWN_QUANTITIES);
        const rest = e.quantities.slice(SHOWN_QUANTITIES);
        const hash = eventHash(e.id);
        return (
          <li key={e.id || i} className="event" data-bizstep={e.bizStep}>
            <h3>
              {label && `${label(i)} — `}
              <time dateTime={e.time}>{fmt.dateTime(e.time)}</time>
              {' — '}
              {tOr(`bizStep.${e.bizStep}`, e.bizStep)}
              {e.operation && ` (${tOr(`operation.${e.operation}`, e.operation)})`}
            </h3>
            <dl>
              {e.parties.length > 0 && (
                <Row label={t('trace.event.parties')}>
                  <ul>{e.parties.map(party)}</ul>
                </Row>
              )}
              {e.quantities.length > 0 && (
                <Row label={t('trace.event.quantities')}>
                  <ul>
                    {shown.map((q) => (
                      <QuantityItem key={`${q.role}:${q.lot}`} q={q} current={lot} />
                    ))}
                  </ul>
                  {rest.length > 0 && (
                    <details>
                      <summary>{t('trace.event.moreLots', { count: fmt.number(rest.length) })}</summary>
                      <ul>
                        {rest.map((q) => (
                          <QuantityItem key={`${q.role}:${q.lot}`} q={q} current={lot} />
                        ))}
                      </ul>
                    </details>
                  )}
                </Row>
              )}
              {e.price && (
                <Row label={t('trace.event.price')}>
                  {fmt.money(e.price.amount, e.price.currency)}
                  {e.price.paymentMethod && ` (${tOr(`payment.${e.price.paymentMethod}`, e.price.paymentMethod)})`}
                </Row>
              )}
              {e.assays.map((a, k) => (
                <Row key={`assay${k}`} label={t('trace.event.assay')}>
                  {[
                    a.method && tOr(`assay.${a.method}`, a.method),
                    a.fineness !== undefined && t('trace.fineness', { value: fmt.number(a.fineness, { max: 1 }) }),
                    a.lab,
                    a.date && fmt.date(a.date),
                    a.lot && a.lot !== lot && lotLabel(a.lot),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </Row>
              ))}
              {e.documents.length > 0 && (
                <Row label={t('trace.event.documents')}>
                  <ul>
                    {e.documents.map((d) => (
                      <li key={`${d.type}:${d.id}`}>
                        {tOr(`document.${d.type}`, d.type)}: {d.id}
                      </li>
                    ))}
                  </ul>
                </Row>
              )}
              {e.evidence.length > 0 && (
                <Row label={t('trace.event.evidence')}>
                  <ul>
                    {e.evidence.map((sha) => (
                      <li key={sha}>
                        <a href={`/evidence/${sha}`} className="hash">
                          sha256:{sha.slice(0, 16)}…
                        </a>
                      </li>
                    ))}
                  </ul>
                </Row>
              )}
              {hash && (
                <Row label={t('trace.event.hash')}>
                  <code className="hash" title={e.id}>
                    sha-256:{hash.slice(0, 16)}…
                  </code>
                </Row>
              )}
            </dl>
          </li>
        );
      })}
    </ol>
  );
}
