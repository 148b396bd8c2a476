import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { changeRisk, craftHistory, craftView, requireCraft, reviewCraftAssessment, submitCraft, type CraftView, kycStanding, listRisks, parseEvidence, recordIndicators, recordKyc, recordRisk, riskView, siteIndicatorSeries, type KycInput, type RiskView } from '../assessor/index.js';
import { craftQuestionnaireOn, type CraftAnswer, EVIDENCE_KINDS, MERCURY_FREE_METHODS, MERCURY_PRACTICES, RISK_CATALOGUES, RISK_IDS, RISK_STATUSES, SUPPLY_TYPES, WATCHLIST_OUTCOMES, riskCatalogueOn, type KycStanding } from '../diligence/index.js';
import { OrpailleError } from '../kernel/index.js';
import type { AccessCommandContext } from './access.js';
import { table } from './io.js';

const collect = (v: string, prev: string[] = []) => [...prev, v];
const list = (v: string | undefined) => (v === undefined ? undefined : v.split(',').map((x) => x.trim()).filter(Boolean));

function count(v: string | undefined, field: string): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new OrpailleError('ORP_BAD_INPUT', `--${field} must be a whole number, got "${v}"`, { [field]: v });
  return Number(v);
}

function kycText(k: KycStanding): string {
  return [
    `${k.supplier} on ${k.date} (${k.supply} gold): KYC ${k.complete ? 'complete' : 'incomplete'}`,
    `  beneficial owners of ${k.threshold.basisPoints / 100} % or more: ${k.beneficialOwners.map((o) => `${o.name} (${o.shareBasisPoints / 100} %)`).join(', ') || 'none identified'}`,
    `  licences: ${k.licences.map((l) => `${l.licence.licenceType} ${l.licence.number} ${l.valid ? 'valid' : 'not valid'} (${l.licence.validFrom}..${l.licence.validUntil ?? ''})`).join('; ') || 'none'}`,
    `  watchlist: ${k.watchlist.pending.length} pending, ${k.watchlist.trueMatches.length} true matches, ${k.watchlist.falsePositives} false positives`,
    ...k.gaps.map((g) => `  gap: ${g}`),
  ].join('\n');
}

function riskRows(views: RiskView[]): string {
  if (views.length === 0) return 'no risk entries';
  return table(
    views.map((v) => ({ id: v.id, observed: v.observedOn, subject: `${v.subject.kind} ${v.subject.uri}`, risk: v.risk, response: v.definition.response, status: v.status, source: v.source })),
    ['id', 'observed', 'subject', 'risk', 'response', 'status', 'source'],
  );
}

function riskText(v: RiskView): string {
  return [
    `${v.id}: ${v.definition.title} (${v.risk}, respond: ${v.definition.response}, CRAFT module ${v.definition.craftModule}) at ${v.subject.kind} ${v.subject.uri}`,
    `  owner ${v.owner}; observed ${v.observedOn}; source: ${v.source}; recorded by ${v.recordedBy}${v.note ? `; note: ${v.note}` : ''}`,
    ...v.evidence.map((e) => `  evidence ${e.kind}: ${e.reference}${e.description ? ` (${e.description})` : ''}`),
    '',
    table(v.history.map((c) => ({ on: c.on, status: c.status, by: c.by, reason: c.reason ?? '' })), ['on', 'status', 'by', 'reason']),
  ].join('\n');
}

/** `orpaille diligence risk ...`: the risk model and the risk register (docs/diligence.md). */
export function registerAssessmentCommands(diligence: Command, { open, print, json }: AccessCommandContext): void {
  const risk = diligence.command('risk').description('the risk model (OECD Annex II, Minamata Annex C, ESG) and the risk register per supplier and site');

  risk
    .command('model')
    .description('the risks of the model with their response class and CRAFT module')
    .option('--date <date>', 'the model version in force on this date (default today)')
    .addOption(json())
    .action(async (o: { date?: string; json?: boolean }) => {
      const orp = await open();
      const c = riskCatalogueOn(o.date ?? orp.clock.now().toISOString(), RISK_CATALOGUES);
      print(Boolean(o.json), c, () => `risk model version ${c.version} (from ${c.effectiveFrom})\n${table(c.risks.map((r) => ({ ...r, module: r.craftModule })), ['id', 'family', 'response', 'module', 'title'])}`);
    });

  risk
    .command('add')
    .description('record a risk found at a supplier or a mine site, with its source, evidence and date')
    .requiredOption('--org <org>', 'the organisation whose due diligence this is (id or URI)')
    .option('--supplier <org>', 'the supplier concerned (id or URI)')
    .option('--site <site>', 'the mine site concerned (id, URI or ICGLR id)')
    .requiredOption('--risk <risk>', RISK_IDS.join(', '))
    .requiredOption('--source <text>', 'where the information came from (site visit, CRAFT report, NGO report...)')
    .requiredOption('--by <person>', 'the person recording it')
    .option('--observed <date>', 'date observed or reported, YYYY-MM-DD (default today)')
    .option('--evidence <ref>', `evidence reference, KIND:REFERENCE with KIND one of ${EVIDENCE_KINDS.join(', ')} (repeatable)`, collect)
    .option('--note <text>', 'free note')
    .option('--status <status>', `status at recording: ${RISK_STATUSES.join(', ')} (default identified)`)
    .option('--id <id>', 'entry id (default: generated)')
    .addOption(json())
    .action(async (o: { org: string; supplier?: string; site?: string; risk: string; source: string; by: string; observed?: string; evidence?: string[]; note?: string; status?: string; id?: string; json?: boolean }) => {
      const orp = await open();
      const e = await recordRisk(orp, {
        owner: o.org,
        ...(o.supplier !== undefined ? { supplier: o.supplier } : {}),
        ...(o.site !== undefined ? { site: o.site } : {}),
        risk: o.risk,
        source: o.source,
        recordedBy: o.by,
        ...(o.observed !== undefined ? { observedOn: o.observed } : {}),
        evidence: (o.evidence ?? []).map(parseEvidence),
        ...(o.note !== undefined ? { note: o.note } : {}),
        ...(o.status !== undefined ? { status: o.status } : {}),
        ...(o.id !== undefined ? { id: o.id } : {}),
      });
      const v = riskView(e);
      print(Boolean(o.json), v, () => `recorded ${v.id}: ${v.definition.title} at ${v.subject.kind} ${v.subject.uri}, ${v.status} (respond: ${v.definition.response})`);
    });

  risk
    .command('list')
    .description('register entries, by observation date')
    .option('--org <org>', 'only this organisation’s register')
    .option('--supplier <org>', 'only this supplier')
    .option('--site <site>', 'only this mine site')
    .option('--risk <risk>', 'only this risk')
    .option('--status <status>', 'only entries now in this status')
    .addOption(json())
    .action(async (o: { org?: string; supplier?: string; site?: string; risk?: string; status?: string; json?: boolean }) => {
      const orp = await open();
      const owner = o.org ? await orp.registry.organisation(o.org) : undefined;
      if (o.org && !owner) throw new OrpailleError('ORP_NOT_FOUND', `no organisation "${o.org}"`, { org: o.org });
      const views = await listRisks(orp, { ...(owner ? { owners: [owner.uri] } : {}), ...o });
      print(Boolean(o.json), views, () => riskRows(views));
    });

  risk
    .command('show <id>')
    .description('a register entry with its evidence and status history')
    .addOption(json())
    .action(async (id: string, o: { json?: boolean }) => {
      const e = await (await open()).risks.risk(id);
      if (!e) throw new OrpailleError('ORP_NOT_FOUND', `no risk entry ${id}`, { id });
      const v = riskView(e);
      print(Boolean(o.json), v, () => riskText(v));
    });

  risk
    .command('set <id> <status>')
    .description(`change an entry's status (${RISK_STATUSES.join(', ')}) with who and why; confirming serious abuses or support to armed groups calls for immediate suspension`)
    .requiredOption('--by <person>', 'the person deciding')
    .option('--on <date>', 'effective date, YYYY-MM-DD (default today)')
    .option('--reason <text>', 'why')
    .addOption(json())
    .action(async (id: string, status: string, o: { by: string; on?: string; reason?: string; json?: boolean }) => {
      const r = await changeRisk(await open(), id, { status, by: o.by, ...(o.on !== undefined ? { on: o.on } : {}), ...(o.reason !== undefined ? { reason: o.reason } : {}) });
      print(Boolean(o.json), r, () =>
        [`${r.entry.id} ${r.entry.status} on ${r.entry.history[r.entry.history.length - 1]!.on}`, ...(r.immediateDisengagement ? ['  this risk calls for immediate suspension or disengagement of the supplier (OECD Annex II)'] : [])].join('\n'),
      );
    });
}

/** `orpaille diligence kyc ...` and `orpaille diligence indicators ...` (docs/diligence.md). */
export function registerKycCommands(diligence: Command, { open, print, json }: AccessCommandContext): void {
  const kyc = diligence.command('kyc').description('know your counterparty: beneficial owners, licences, watchlist hits');
  const common = (c: Command) =>
    c
      .requiredOption('--org <org>', 'the organisation whose due diligence this is (id or URI)')
      .requiredOption('--supplier <org>', 'the supplier (id or URI)')
      .requiredOption('--by <person>', 'the person recording it')
      .option('--evidence <ref>', 'evidence reference, KIND:REFERENCE (repeatable)', collect)
      .option('--id <id>', 'record id (default: generated)')
      .addOption(json());
  type Common = { org: string; supplier: string; by: string; evidence?: string[]; id?: string; json?: boolean };
  const add = async (o: Common, rest: Record<string, unknown>) => {
    const r = await recordKyc(await open(), { owner: o.org, supplier: o.supplier, recordedBy: o.by, evidence: (o.evidence ?? []).map(parseEvidence), ...(o.id ? { id: o.id } : {}), ...rest } as KycInput);
    print(Boolean(o.json), r, () => `recorded ${r.kind.replace('_', ' ')} ${r.id} of ${r.supplier}`);
  };

  common(kyc.command('owner').description('record a beneficial owner of a supplier and the share owned or controlled'))
    .requiredOption('--name <name>', 'the natural person')
    .requiredOption('--share <percent>', 'share owned or controlled, in percent ("12.5")')
    .option('--country <cc>', 'ISO 3166-1 alpha-2')
    .option('--identified <date>', 'YYYY-MM-DD (default today)')
    .action((o: Common & { name: string; share: string; country?: string; identified?: string }) =>
      add(o, { kind: 'beneficial_owner', name: o.name, sharePercent: o.share, ...(o.country ? { country: o.country } : {}), ...(o.identified ? { identifiedOn: o.identified } : {}) }),
    );

  common(kyc.command('licence').description('record a licence or permit of a supplier with its validity'))
    .requiredOption('--type <type>', 'mining, trading, export...')
    .requiredOption('--number <n>', 'licence number')
    .requiredOption('--issuer <name>', 'issuing authority')
    .requiredOption('--from <date>', 'first valid day, YYYY-MM-DD')
    .option('--until <date>', 'last valid day, YYYY-MM-DD')
    .action((o: Common & { type: string; number: string; issuer: string; from: string; until?: string }) =>
      add(o, { kind: 'licence', licenceType: o.type, number: o.number, issuer: o.issuer, validFrom: o.from, ...(o.until ? { validUntil: o.until } : {}) }),
    );

  common(kyc.command('watchlist').description('record a watchlist hit (sanctions, PEP, adverse media) and its review by a person'))
    .requiredOption('--list <name>', 'the list searched')
    .requiredOption('--matched <name>', 'the name that matched')
    .requiredOption('--outcome <outcome>', WATCHLIST_OUTCOMES.join(', '))
    .requiredOption('--checked-by <person>', 'the person who reviewed the hit')
    .option('--checked <date>', 'YYYY-MM-DD (default today)')
    .option('--note <text>', 'why')
    .action((o: Common & { list: string; matched: string; outcome: string; checkedBy: string; checked?: string; note?: string }) =>
      add(o, { kind: 'watchlist_hit', list: o.list, matchedName: o.matched, outcome: o.outcome, checkedBy: o.checkedBy, ...(o.checked ? { checkedOn: o.checked } : {}), ...(o.note ? { note: o.note } : {}) }),
    );

  kyc
    .command('show <supplier>')
    .description("a supplier's KYC file and its gaps on a date")
    .option('--org <org>', 'only this organisation’s records')
    .option('--supply <type>', `${SUPPLY_TYPES.join(' or ')} (sets the beneficial-owner threshold; default mined)`)
    .option('--date <date>', 'YYYY-MM-DD (default today)')
    .addOption(json())
    .action(async (supplier: string, o: { org?: string; supply?: string; date?: string; json?: boolean }) => {
      const orp = await open();
      const owner = o.org ? await orp.registry.organisation(o.org) : undefined;
      if (o.org && !owner) throw new OrpailleError('ORP_NOT_FOUND', `no organisation "${o.org}"`, { org: o.org });
      const k = await kycStanding(orp, { supplier, ...(owner ? { owners: [owner.uri] } : {}), ...(o.supply ? { supply: o.supply } : {}), ...(o.date ? { date: o.date } : {}) });
      print(Boolean(o.json), k, () => kycText(k));
    });

  const indicators = diligence.command('indicators').description('mercury and ESG indicators per mine site over time');
  indicators
    .command('add')
    .description("record a site's mercury and ESG indicators for a period")
    .requiredOption('--org <org>', 'the organisation recording them (id or URI)')
    .requiredOption('--site <site>', 'mine site (id, URI or ICGLR id)')
    .requiredOption('--from <date>', 'first day of the period, YYYY-MM-DD')
    .requiredOption('--to <date>', 'last day of the period, YYYY-MM-DD')
    .requiredOption('--source <text>', 'where the figures come from')
    .requiredOption('--by <person>', 'the person recording them')
    .option('--mercury-used <grams>', 'mercury used, grams')
    .option('--mercury-recovered <grams>', 'mercury recovered, grams')
    .option('--gold <grams>', 'gold produced, grams')
    .option('--practices <list>', `banned practices observed: ${MERCURY_PRACTICES.join(', ')}`)
    .option('--retorts <n>', 'retorts in use')
    .option('--fume-hoods <n>', 'fume hoods in use')
    .option('--mercury-free <list>', `mercury-free methods in use: ${MERCURY_FREE_METHODS.join(', ')}`)
    .option('--women-exposed <n>', 'women exposed to mercury')
    .option('--children-exposed <n>', 'children exposed to mercury')
    .option('--trainings <n>', 'training sessions delivered')
    .option('--trained <n>', 'people trained')
    .option('--id <id>', 'record id (default: generated)')
    .addOption(json())
    .action(async (o: Record<string, string | undefined> & { json?: boolean }) => {
      const num = (k: string, field: string) => {
        const v = count(o[k], field);
        return v === undefined ? {} : { [k === 'retorts' ? 'retortsInUse' : k === 'fumeHoods' ? 'fumeHoodsInUse' : k === 'trainings' ? 'trainingSessions' : k === 'trained' ? 'peopleTrained' : k]: v };
      };
      const i = await recordIndicators(await open(), {
        owner: o['org']!,
        site: o['site']!,
        periodFrom: o['from']!,
        periodTo: o['to']!,
        source: o['source']!,
        recordedBy: o['by']!,
        ...(o['mercuryUsed'] ? { mercuryUsedGrams: o['mercuryUsed'] } : {}),
        ...(o['mercuryRecovered'] ? { mercuryRecoveredGrams: o['mercuryRecovered'] } : {}),
        ...(o['gold'] ? { goldProducedGrams: o['gold'] } : {}),
        practicesObserved: list(o['practices']) ?? [],
        mercuryFreeMethods: list(o['mercuryFree']) ?? [],
        ...num('retorts', 'retorts'),
        ...num('fumeHoods', 'fume-hoods'),
        ...num('womenExposed', 'women-exposed'),
        ...num('childrenExposed', 'children-exposed'),
        ...num('trainings', 'trainings'),
        ...num('trained', 'trained'),
        ...(o['id'] ? { id: o['id'] } : {}),
      });
      print(Boolean(o.json), i, () => `recorded indicators ${i.id} of ${i.site} for ${i.periodFrom}..${i.periodTo}`);
    });

  indicators
    .command('show <site>')
    .description("a site's indicators over time with its Hg:Au ratio and trend")
    .option('--org <org>', 'only this organisation’s records')
    .addOption(json())
    .action(async (siteId: string, o: { org?: string; json?: boolean }) => {
      const orp = await open();
      const owner = o.org ? await orp.registry.organisation(o.org) : undefined;
      if (o.org && !owner) throw new OrpailleError('ORP_NOT_FOUND', `no organisation "${o.org}"`, { org: o.org });
      const s = await siteIndicatorSeries(orp, siteId, owner ? [owner.uri] : undefined);
      print(Boolean(o.json), s, () =>
        [
          s.points.length === 0
            ? 'no indicators recorded'
            : table(
                s.points.map((p) => ({ period: `${p.periodFrom}..${p.periodTo}`, hgAu: p.hgAuRatio ?? '', hgUsedG: p.mercuryUsedMg === undefined ? '' : p.mercuryUsedMg / 1000, retorts: p.retortsInUse ?? '', trained: p.peopleTrained ?? '', practices: p.practicesObserved.join(' ') })),
                ['period', 'hgAu', 'hgUsedG', 'retorts', 'trained', 'practices'],
              ),
          ...(s.trend ? [`Hg:Au ${s.trend.from} -> ${s.trend.to}: ${s.trend.improving ? 'improving' : 'not improving'}`] : []),
        ].join('\n'),
      );
    });
}

function craftText(v: CraftView): string {
  return [
    `${v.id}: CRAFT ${v.questionnaireVersion} of ${v.producer} for ${v.buyer}, ${v.assessedOn}, ${v.stage === 'reviewed' ? `reviewed by ${v.review!.reviewedBy} on ${v.review!.reviewedOn}` : 'self-assessment (not yet reviewed)'}`,
    table(v.results.map((t) => ({ module: t.module, topic: t.topic, result: t.result, response: t.response ?? '', criteria: t.criteria.map((c) => `${c.id}=${c.answer ?? '?'}${c.reviewed ? '*' : ''}`).join(' ') })), ['module', 'topic', 'result', 'response', 'criteria']),
  ].join('\n');
}

function readAnswers(file: string): CraftAnswer[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new OrpailleError('ORP_BAD_INPUT', `cannot read answers from ${file}: ${(err as Error).message}`, { file });
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { answers?: unknown })?.answers;
  if (!Array.isArray(list)) throw new OrpailleError('ORP_BAD_INPUT', `${file} must hold a JSON array of {criterion, answer, evidence?, comment?} (or {"answers": [...]})`, { file });
  return list as CraftAnswer[];
}

/** `orpaille diligence craft ...`: CRAFT self-assessments, buyer reviews and progress (docs/diligence.md). */
export function registerCraftCommands(diligence: Command, { open, print, json }: AccessCommandContext): void {
  const craft = diligence.command('craft').description('CRAFT assessments: self-assessment by the producer, review by the buyer, progress');

  craft
    .command('questionnaire')
    .description('the CRAFT criteria (modules 1-5) in force on a date')
    .option('--date <date>', 'YYYY-MM-DD (default today)')
    .addOption(json())
    .action(async (o: { date?: string; json?: boolean }) => {
      const orp = await open();
      const q = craftQuestionnaireOn(o.date ?? orp.clock.now().toISOString());
      print(Boolean(o.json), q, () => `CRAFT ${q.version} (from ${q.effectiveFrom}; ${q.source})\n${table(q.criteria.map((c) => ({ ...c })), ['id', 'module', 'topic', 'text'])}`);
    });

  craft
    .command('submit')
    .description("record a producer's self-assessment for a buyer; answers from a JSON file [{criterion, answer: yes|partly|no|not_applicable, evidence: [{kind, reference}], comment}]")
    .requiredOption('--producer <org>', 'the producer (id or URI)')
    .requiredOption('--buyer <org>', 'the buyer who will review it (id or URI)')
    .requiredOption('--answers <file>', 'JSON file of answers')
    .requiredOption('--by <person>', 'the person submitting it')
    .option('--date <date>', 'assessment date, YYYY-MM-DD (default today)')
    .option('--id <id>', 'assessment id (default: generated)')
    .addOption(json())
    .action(async (o: { producer: string; buyer: string; answers: string; by: string; date?: string; id?: string; json?: boolean }) => {
      const v = await submitCraft(await open(), { producer: o.producer, buyer: o.buyer, submittedBy: o.by, answers: readAnswers(o.answers), ...(o.date ? { assessedOn: o.date } : {}), ...(o.id ? { id: o.id } : {}) });
      print(Boolean(o.json), v, () => craftText(v));
    });

  craft
    .command('review <id>')
    .description("record the buyer's review: its own answers to the criteria it verified (JSON file as for submit)")
    .requiredOption('--answers <file>', 'JSON file of the reviewer’s answers')
    .requiredOption('--by <person>', 'the reviewer')
    .option('--date <date>', 'review date, YYYY-MM-DD (default today)')
    .addOption(json())
    .action(async (id: string, o: { answers: string; by: string; date?: string; json?: boolean }) => {
      const v = await reviewCraftAssessment(await open(), id, { reviewedBy: o.by, answers: readAnswers(o.answers), ...(o.date ? { reviewedOn: o.date } : {}) });
      print(Boolean(o.json), v, () => craftText(v));
    });

  craft
    .command('show <id>')
    .description('an assessment with its result per risk')
    .addOption(json())
    .action(async (id: string, o: { json?: boolean }) => {
      const v = craftView(await requireCraft(await open(), id));
      print(Boolean(o.json), v, () => craftText(v));
    });

  craft
    .command('progress <producer>')
    .description("a producer's assessments and how each topic moved from one to the next")
    .addOption(json())
    .action(async (producer: string, o: { json?: boolean }) => {
      const h = await craftHistory(await open(), producer);
      print(Boolean(o.json), h, () =>
        [
          h.assessments.length === 0 ? 'no CRAFT assessments' : table(h.assessments.map((a) => ({ id: a.id, date: a.assessedOn, buyer: a.buyer, stage: a.stage, met: a.results.filter((t) => t.result === 'met').length, of: a.results.length })), ['id', 'date', 'buyer', 'stage', 'met', 'of']),
          ...h.progress.map((s) => `${s.from} -> ${s.to}: improved ${s.improved.join(', ') || 'none'}; worsened ${s.worsened.join(', ') || 'none'}; ${s.met} topics met`),
        ].join('\n'),
      );
    });
}
