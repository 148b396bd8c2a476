import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api';
import { ErrorMessage } from '../errors';
import { useI18n } from '../i18n';
import { href, navigate, type Location } from '../router';
import { traceHref } from '../trace/graph';
import { lotLabel } from '../trace/model';
import { useLoad } from '../use-load';
import { CLAIM_NAMES, claimRules, type ClaimName, type ClaimReason, type ClaimVerdict, type RuleVersion } from './model';
import { certificateHref, Fact, Joined, Party, SelectField, SiteName } from './parts';

/** Lots of a valid claim's backing listed before the rest fold into a count (a bar's genealogy can hold hundreds). */
const SHOWN_LOTS = 12;

function isClaim(s: string | null): s is ClaimName {
  return (CLAIM_NAMES as readonly string[]).includes(s ?? '');
}

/** One reason a claim fails: its code in words, then what is at fault (lot, transfer, party, authorisation, site, dates). */
function Reason({ reason }: { reason: ClaimReason }) {
  const { t, tOr, fmt } = useI18n();
  const r = reason;
  return (
    <li className="reason" data-reason={r.code}>
      <h3>{tOr(`claim.reason.${r.code}`, r.code)}</h3>
      <dl className="facts">
        {r.lot && (
          <Fact label={t('claim.fact.lot')}>
            <a href={traceHref(r.lot)}>{lotLabel(r.lot)}</a>
          </Fact>
        )}
        {r.transfer && (
          <Fact label={t('claim.fact.transfer')}>
            {tOr(`claim.transfer.${r.transfer.type}`, r.transfer.type)} · {fmt.date(r.transfer.date)} · {r.transfer.from && <Party uri={r.transfer.from} />}
            {r.transfer.from && ' → '}
            <Party uri={r.transfer.to} />
          </Fact>
        )}
        {r.party && <Fact label={t('claim.fact.party')}><Party uri={r.party} /></Fact>}
        {r.needs && <Fact label={t('claim.fact.needs')}>{tOr(`cert.kind.${r.needs}`, r.needs)}</Fact>}
        {r.authorisation && (
          <Fact label={t('claim.fact.authorisation')}>
            <a href={certificateHref(r.authorisation)}>{r.authorisation}</a>
          </Fact>
        )}
        {r.site && <Fact label={t('claim.fact.site')}><SiteName uri={r.site} /></Fact>}
        {r.date && <Fact label={t('claim.fact.date')}>{fmt.date(r.date)}</Fact>}
        {r.since && <Fact label={t('claim.fact.since')}>{fmt.date(r.since)}</Fact>}
      </dl>
      <p className="hint" lang="en">
        {r.message}
      </p>
    </li>
  );
}

/** What a valid claim rests on: the lots of its genealogy, the mine sites, the producers, and any credits spent. */
function Backing({ backing }: { backing: ClaimVerdict['backing'] }) {
  const { t, fmt } = useI18n();
  const rest = backing.lots.length - SHOWN_LOTS;
  return (
    <dl className="facts backing">
      <Fact label={t('claim.backing.lots', { count: fmt.number(backing.lots.length) })}>
        <Joined items={backing.lots.slice(0, SHOWN_LOTS)} render={(l) => <a href={traceHref(l)}>{lotLabel(l)}</a>} />
        {rest > 0 && ` ${t('trace.event.moreLots', { count: fmt.number(rest) })}`}
      </Fact>
      <Fact label={t('claim.backing.sites', { count: fmt.number(backing.sites.length) })}>
        <Joined items={backing.sites} render={(s) => <SiteName uri={s} />} />
      </Fact>
      <Fact label={t('claim.backing.producers', { count: fmt.number(backing.producers.length) })}>
        <Joined items={backing.producers} render={(p) => <Party uri={p} />} />
      </Fact>
      {backing.credits && (
        <Fact label={t('claim.backing.credits')}>
          {t('claim.backing.creditsLine', { claimed: fmt.mass(backing.credits.claimedGrams), available: fmt.mass(backing.credits.availableGrams) })}
        </Fact>
      )}
    </dl>
  );
}

/** The dated rule tables the claim reads (GET /rules?rule=), each version with its dates and source. */
function Rules({ claim }: { claim: ClaimName }) {
  const { t, fmt } = useI18n();
  const names = claimRules(claim);
  const rules = useLoad(names.join(','), async () => (await Promise.all(names.map((rule) => api.get<{ versions: RuleVersion[] }>('/rules', { rule })))).flatMap((r) => r.versions));
  return (
    <section aria-labelledby="rules-title" className="rules">
      <h3 id="rules-title">{t('claim.rules.title')}</h3>
      {names.length === 0 && <p>{t('claim.rules.none')}</p>}
      <ErrorMessage error={rules.error} />
      {rules.data && (
        <table>
          <caption className="visually-hidden">{t('claim.rules.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('claim.rules.rule')}</th>
              <th scope="col">{t('claim.rules.inForce')}</th>
              <th scope="col">{t('claim.rules.source')}</th>
            </tr>
          </thead>
          <tbody>
            {rules.data.map((v) => (
              <tr key={`${v.rule}:${v.key}:${v.effectiveFrom}`} data-rule={v.rule}>
                <th scope="row">
                  <code>
                    {v.rule} {v.key}
                  </code>
                </th>
                <td>{v.effectiveTo ? t('claim.rules.period', { from: fmt.date(v.effectiveFrom), to: fmt.date(v.effectiveTo) }) : t('claim.rules.from', { from: fmt.date(v.effectiveFrom) })}</td>
                <td>
                  {v.source} ({t(`claim.rules.confidence.${v.confidence}`)})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The verdict of a claim on a lot: holds or not, every reason it does not, what it rests on, and the rules read. */
function VerdictView({ verdict }: { verdict: ClaimVerdict }) {
  const { t, fmt } = useI18n();
  const lot = lotLabel(verdict.lot);
  const claim = t(`claim.name.${verdict.claim}`);
  return (
    <section aria-labelledby="verdict-title" className={`verdict ${verdict.valid ? 'verdict-ok' : 'verdict-bad'}`} data-valid={verdict.valid}>
      <h2 id="verdict-title">
        {verdict.valid ? t('claim.holds', { claim, lot }) : t('claim.fails', { claim, lot, count: fmt.number(verdict.reasons.length) })}
      </h2>
      <p>
        <a href={traceHref(verdict.lot)}>{t('claim.traceLot', { lot })}</a>
      </p>
      {verdict.reasons.length > 0 && (
        <ol className="reasons">
          {verdict.reasons.map((r, i) => (
            <Reason key={i} reason={r} />
          ))}
        </ol>
      )}
      {verdict.valid && <Backing backing={verdict.backing} />}
      <Rules claim={verdict.claim} />
    </section>
  );
}

/**
 * The claim check (`#/certificates/claim?lot=…&claim=…`): a lot or product number and a claim; the verdict of
 * GET /lots/{lot}/claims/{claim} with each reason, the lot linked to the trace explorer.
 */
export function ClaimCheck({ location }: { location: Location }) {
  const { t } = useI18n();
  const lotParam = (location.params.get('lot') ?? '').trim();
  const claimParam = location.params.get('claim');
  const [lot, setLot] = useState(lotParam);
  const [claim, setClaim] = useState<ClaimName>(isClaim(claimParam) ? claimParam : CLAIM_NAMES[0]);
  useEffect(() => {
    setLot(lotParam);
    if (isClaim(claimParam)) setClaim(claimParam);
  }, [lotParam, claimParam]);
  const asked = lotParam && isClaim(claimParam) ? { lot: lotParam, claim: claimParam } : undefined;
  const verdict = useLoad(asked ? `${asked.claim}\n${asked.lot}` : '', () =>
    api.get<ClaimVerdict>(`/lots/${encodeURIComponent(asked!.lot)}/claims/${encodeURIComponent(asked!.claim)}`),
  );

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (lot.trim()) navigate('/certificates/claim', { lot: lot.trim(), claim });
  };
  return (
    <>
      <p>
        <a href={href('/certificates')}>{t('cert.back')}</a>
      </p>
      <h1>{t('claim.title')}</h1>
      <p>{t('claim.intro')}</p>
      <form className="search" onSubmit={submit}>
        <label>
          <span>{t('claim.lot')}</span>
          <input type="search" value={lot} onChange={(e) => setLot(e.target.value)} required />
        </label>
        <SelectField
          id="claim-name"
          label={t('claim.claim')}
          value={claim}
          options={CLAIM_NAMES.map((c) => [c, t(`claim.name.${c}`)] as const)}
          onChange={(v) => setClaim(v as ClaimName)}
          describedBy="claim-about"
        />
        <button type="submit">{t('claim.submit')}</button>
        <p id="claim-about" className="hint">
          {t(`claim.about.${claim}`)}
        </p>
      </form>
      <ErrorMessage error={verdict.error} />
      {verdict.loading && <p aria-live="polite">{t('app.loading')}</p>}
      {verdict.data && <VerdictView verdict={verdict.data} />}
    </>
  );
}
