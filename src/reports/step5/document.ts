import { INCIDENT_STATUSES, type RiskArea } from '../../diligence/index.js';
import type { Block, ReportDocument, ReportStamp } from '../document.js';
import { kg, percent } from './figures.js';
import { NOT_RECORDED, type Step5Report } from './report.js';

export const STEP5_TITLE = 'OECD Step 5 annual due diligence report';

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
/** A country code with its English name ("CD (Congo - Kinshasa)"); `recycled` and `unknown` as words. */
export function originLabel(code: string): string {
  if (code === 'recycled') return 'Recycled (declared by the seller, no mine traced)';
  if (code === 'unknown') return 'Origin not traced';
  return /^[A-Z]{2}$/.test(code) ? `${code} (${regionNames.of(code) ?? code})` : code;
}

const para = (text: string): Block => ({ kind: 'paragraph', text });
const h2 = (text: string): Block => ({ kind: 'heading', text, level: 2 });
const h3 = (text: string): Block => ({ kind: 'heading', text, level: 3 });
const words = (s: string) => s.replaceAll('_', ' ');

/** The report as a document for the PDF and HTML renderers: seven sections after OECD DDG Annex II, Step 5. */
export function step5Document(r: Step5Report, stamp: ReportStamp): ReportDocument {
  const y = String(r.year);
  const blocks: Block[] = [
    {
      kind: 'fields',
      rows: [
        ['Organisation', `${r.org.name} (${r.org.id})`],
        ['Identifier', r.org.uri],
        ['Country', originLabel(r.org.country)],
        ['Roles', r.org.roles.map(words).join(', ') || NOT_RECORDED],
        ['Reporting period', `calendar year ${y} (${r.period.from} to ${r.period.to}, exclusive)`],
        ['Registers read as of', r.asOf],
        ['Framework', 'OECD Due Diligence Guidance for Responsible Supply Chains of Minerals from Conflict-Affected and High-Risk Areas, Annex II and Gold Supplement, Step 5'],
      ],
    },
    ...management(r),
    ...method(r),
    ...redFlags(r),
    ...actions(r),
    ...suspended(r),
    ...figures(r),
    ...audit(r),
  ];
  return { title: STEP5_TITLE, subtitle: `${r.org.name} · ${y}`, lang: 'en', stamp, blocks };
}

function management(r: Step5Report): Block[] {
  const m = r.management;
  return [
    h2('1. Company management system (Step 1)'),
    { kind: 'fields', rows: [['Supply chain policy', m.policy], ['Responsible for due diligence', m.responsible], ['Grievance mechanism', m.grievance]] },
    h3(`OECD five-step checklist (version ${m.checklist.version}) on ${m.checklist.on}`),
    m.recorded
      ? {
          kind: 'table',
          columns: ['Step', 'Item', 'Status', 'Updated', 'Evidence or note'],
          widths: [0.6, 4, 1.3, 1.4, 3.5],
          rows: m.checklist.steps.flatMap((s) => s.items.map((i) => [String(s.step), i.title, words(i.status), i.updatedOn ?? NOT_RECORDED, [...i.evidence, ...(i.note ? [i.note] : [])].join('; ') || (i.updatedOn ? '' : NOT_RECORDED)])),
        }
      : para(`Checklist: ${NOT_RECORDED}.`),
  ];
}

/** CAHRA areas with their sources numbered once (many areas share one source). */
function areaBlocks(areas: readonly RiskArea[]): Block[] {
  if (areas.length === 0) return [para(`Conflict-affected and high-risk areas: ${NOT_RECORDED}.`)];
  const sources: string[] = [];
  const ref = (s: string) => (sources.includes(s) ? sources.indexOf(s) : sources.push(s) - 1) + 1;
  const rows = areas.map((a) => [a.name, a.countries.join(' ') || `${a.polygons.length} polygon(s)`, `${a.effectiveFrom}${a.effectiveTo ? ` to ${a.effectiveTo}` : ''}`, `[${ref(a.source)}]`]);
  return [
    para(`Conflict-affected and high-risk areas (CAHRA) in force during the year: ${areas.length}.`),
    { kind: 'table', columns: ['Area', 'Countries', 'Listed', 'Source'], rows, widths: [4, 2, 1.3, 0.7] },
    { kind: 'list', items: sources.map((s, i) => `[${i + 1}] ${s}`) },
  ];
}

function method(r: Step5Report): Block[] {
  const m = r.method;
  return [
    h2('2. Risk assessment method (Step 2)'),
    para('Every chain-of-custody event is checked against the red-flag rules in force on its date; a hit raises an incident for the organisation that recorded the event. Rule versions are dated data: a change of threshold is a new version, never an edit.'),
    m.rules.length === 0
      ? para(`Red-flag rules: ${NOT_RECORDED}.`)
      : {
          kind: 'table',
          columns: ['Rule', 'Key', 'Version: valid from, enabled, confidence', 'Source'],
          widths: [3.5, 1, 2, 4.5],
          rows: m.rules.map((v) => [v.rule, v.key, `${v.effectiveFrom}${v.effectiveTo ? ` to ${v.effectiveTo}` : ''}, ${(v.value as { enabled?: unknown } | null)?.enabled === false ? 'disabled' : 'enabled'}, ${v.confidence}`, v.source]),
        },
    ...areaBlocks(m.areas),
    h3('CRAFT assessments'),
    para(`CRAFT assessments carried out in ${r.year}: ${m.crafts.length}.`),
    ...(m.crafts.length === 0
      ? []
      : [
          {
            kind: 'table',
            columns: ['Assessment', 'Producer', 'Assessed', 'Stage', 'Reviewed', 'Topics met', 'Partly', 'Not met', 'No answer'],
            align: ['left', 'left', 'left', 'left', 'left', 'right', 'right', 'right', 'right'],
            widths: [2.3, 2.5, 1.5, 1, 1.5, 1, 1, 1, 1.1],
            rows: m.crafts.map((c) => [c.id, c.producer, c.assessedOn, c.stage, c.reviewedOn ?? 'not reviewed', String(c.outcome.met), String(c.outcome.in_progress), String(c.outcome.not_met), String(c.outcome.unanswered)]),
          } satisfies Block,
        ]),
  ];
}

function redFlags(r: Step5Report): Block[] {
  const f = r.redFlags;
  return [
    h2('3. Red flags found in the year'),
    para(`Red-flag incidents on events of ${r.year}: ${f.total}.`),
    ...(f.counts.length === 0
      ? []
      : [
          {
            kind: 'table',
            columns: ['Rule', 'Found', ...INCIDENT_STATUSES.map(words)],
            align: ['left', 'right', 'right', 'right', 'right', 'right'],
            widths: [3, 1, 1, 1, 1, 1],
            rows: f.counts.map((c) => [c.rule, String(c.found), ...INCIDENT_STATUSES.map((s) => String(c.byStatus[s]))]),
          } satisfies Block,
        ]),
    h3('Risk register'),
    f.risks.length === 0
      ? para(`Risk register entries open during the year: ${NOT_RECORDED}.`)
      : {
          kind: 'table',
          columns: ['Entry', 'Subject', 'Risk', 'Observed', 'Source', `Status on ${r.asOf}`],
          widths: [1.5, 2.5, 1.8, 1.3, 2.5, 1.3],
          rows: f.risks.map((x) => [x.entry.id, x.subject, x.entry.risk, x.entry.observedOn, x.entry.source, x.status]),
        },
  ];
}

function actions(r: Step5Report): Block[] {
  const a = r.actions;
  return [
    h2('4. Actions and outcomes (Step 3)'),
    { kind: 'fields', rows: [['Incidents opened in the year', String(a.incidentsOpened)], ['Incidents closed in the year', String(a.incidentsClosed)]] },
    h3('Risk management plans'),
    ...(a.plans.length === 0
      ? [para(`Risk management plans: ${NOT_RECORDED}.`)]
      : [
          para('Each deadline is the adoption day plus the months of the mitigation deadline rule (diligence.mitigation_deadline, rules/gating.json) in force that day.'),
          {
            kind: 'table',
            columns: ['Plan', 'Supplier', 'Adopted', 'Deadline', 'Status', 'Progress (indicator: baseline -> latest, target)'],
            widths: [1.4, 1.8, 1.3, 1.8, 2.6, 3],
            rows: a.plans.map(({ plan, supplier, review }) => [
              plan.id,
              supplier,
              plan.adoptedOn,
              `${plan.deadline} (${plan.deadlineRule.months} months, rule version from ${plan.deadlineRule.effectiveFrom})`,
              `${words(review.status)}: ${review.explanation}`,
              review.measures.map((m) => `${m.indicator}: ${m.baseline} -> ${m.latest ? `${m.latest.value} (${m.latest.reportedOn})` : 'no report'}, target ${m.direction === 'at_least' ? '>=' : '<='} ${m.target}`).join('; '),
            ]),
          } satisfies Block,
        ]),
    h3('Supplier decisions'),
    a.decisions.length === 0
      ? para(`Supplier decisions taken in ${r.year}: none recorded.`)
      : {
          kind: 'table',
          columns: ['Decided', 'Supplier', 'Decision', 'By', 'Reason'],
          widths: [1.3, 2.6, 1.5, 1.5, 3.5],
          rows: a.decisions.map(({ decision: d, supplier }) => [d.decidedAt.slice(0, 10), supplier, d.decision === 'mitigate' ? 'continue with mitigation' : d.decision, d.automatic ? `${d.decidedBy} (automatic)` : d.decidedBy, d.reason]),
        },
  ];
}

function suspended(r: Step5Report): Block[] {
  return [
    h2('5. Suppliers suspended or disengaged in the year'),
    r.suspended.length === 0
      ? para(`No supplier was suspended or disengaged in ${r.year}.`)
      : {
          kind: 'table',
          columns: ['Supplier', 'Decision', 'Date', 'Reason', 'Still in force'],
          widths: [3, 1.4, 1.3, 3.5, 1],
          rows: r.suspended.map((s) => [s.supplier, s.decision === 'suspend' ? 'suspended' : 'disengaged', s.date.slice(0, 10), s.reason, s.inForce ? 'yes' : 'no']),
        },
  ];
}

function figures(r: Step5Report): Block[] {
  const f = r.figures;
  const total = f.totalMg;
  const row = (label: string, mg: number) => [label, kg(mg), percent(mg, total)];
  return [
    h2('6. Figures'),
    para(`Fine gold bought or received in ${r.year}: ${kg(total)} kg in ${f.lots} lot${f.lots === 1 ? '' : 's'}, traced back to the country of its mine sites.`),
    {
      kind: 'table',
      columns: ['Country of origin', 'Fine gold (kg)', 'Share'],
      align: ['left', 'right', 'right'],
      widths: [3.5, 1.2, 1],
      rows: [...f.byCountry.map((c) => row(originLabel(c.country), c.fineMg)), row('Total', total)],
    },
    {
      kind: 'table',
      columns: ['Type of origin', 'Fine gold (kg)', 'Share'],
      align: ['left', 'right', 'right'],
      widths: [3.5, 1.2, 1],
      rows: [
        row('Artisanal and small-scale mining (ASM)', f.byClass.asm),
        row('Other mined (site not recorded as artisanal or small-scale)', f.byClass.other_mined),
        row('Recycled', f.byClass.recycled),
        row('Origin not traced', f.byClass.unknown),
      ],
    },
    para(`ASM share: ${percent(f.byClass.asm, total)}. Large-scale mining: ${NOT_RECORDED} (the site registry has no large-scale site type).`),
    {
      kind: 'table',
      columns: ['Certified (lots under a scheme claim)', 'Fine gold (kg)', 'Share'],
      align: ['left', 'right', 'right'],
      widths: [3.5, 1.2, 1],
      rows: [...f.certified.map((c) => row(c.scheme, c.fineMg)), row('Certified, all schemes', f.certifiedMg)],
    },
    para(`Certified share: ${percent(f.certifiedMg, total)}.`),
  ];
}

function audit(r: Step5Report): Block[] {
  const a = r.audit;
  const lines = [
    ...(a.step ? [`Checklist item 4.audit: ${words(a.step.status)}${a.step.updatedOn ? ` (${a.step.updatedOn})` : ''}${a.step.evidence.length > 0 ? `; evidence: ${a.step.evidence.join(', ')}` : ''}${a.step.note ? `; note: ${a.step.note}` : ''}`] : []),
    ...a.authorisations.map((x) => `${x.kind === 'rmap' ? 'RMAP' : 'LBMA Good Delivery'} (${x.id}), issued by ${x.issuerName} on ${x.issuedOn}, valid until ${x.validUntil}${x.statusChanges.length > 0 ? `, status ${x.statusChanges.at(-1)!.status} from ${x.statusChanges.at(-1)!.from}` : ''}`),
  ];
  return [h2('7. Independent third-party audit (Step 4)'), lines.length === 0 ? para(`Independent third-party audit: ${NOT_RECORDED}.`) : { kind: 'list', items: lines }];
}
