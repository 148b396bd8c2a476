import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { CHARGE_KINDS, type AssayExchange, type Charge, type SettlementStatement } from '../certification/index.js';
import { OrpailleError, badInput, formatFineness } from '../kernel/index.js';
import type { Orpaille } from '../orpaille.js';
import {
  createSettlement,
  importPrices,
  openExchange,
  parseMetal,
  quote,
  reconcileExchange,
  recordAssay,
  requireExchange,
  showPrices,
  type Actor,
  type QuoteWithPrice,
} from '../pricing/index.js';
import type { AccessCommandContext } from './access.js';
import { table } from './io.js';

/** What the price, assay and settlement commands need from `main`; `fail` sets exit status 1. */
export interface PriceCommandContext extends AccessCommandContext {
  fail(): void;
}

const collect = (v: string, all: string[]) => [...all, v];

async function actor(orp: Orpaille, org: string): Promise<Actor> {
  const o = await orp.registry.organisation(org);
  if (!o) throw new OrpailleError('ORP_NOT_FOUND', `no organisation "${org}" (see: orpaille org list)`, { org });
  return { org: { id: o.id, uri: o.uri }, by: 'cli' };
}

/** "refining=0.50/oz" (per payable troy ounce) or "treatment=250" (flat) into a charge. */
export function parseCharge(text: string): Charge {
  const m = /^([a-z]+)=(\d+(?:\.\d+)?)(\/oz)?$/.exec(text.trim());
  if (!m || !(CHARGE_KINDS as readonly string[]).includes(m[1]!)) {
    throw badInput(`--charge must be KIND=AMOUNT or KIND=RATE/oz with KIND one of ${CHARGE_KINDS.join(', ')}, got "${text}"`, { charge: text });
  }
  const kind = m[1] as Charge['kind'];
  return m[3] ? { kind, perPayableTroyOunce: m[2]! } : { kind, amount: m[2]! };
}

function priceText(q: QuoteWithPrice): string {
  const p = q.price;
  return p.kind === 'given' ? `${p.value} USD/ozt (given)` : `${p.value} ${p.currency}/ozt, ${p.kind.replace('_', ' ')} of ${p.date} (${p.source})`;
}

const ruleText = (r: { rule: string; key: string; effectiveFrom: string; confidence: string }) => `${r.rule} ${r.key} from ${r.effectiveFrom}, ${r.confidence}`;

function exchangeText(x: AssayExchange): string {
  const r = x.reconciliation;
  return [
    `assay exchange ${x.id}: lot ${x.lot}, seller ${x.seller}, buyer ${x.buyer}`,
    x.results.length ? table(x.results.map((a) => ({ ...a, fineness: formatFineness(a.fineness), samples: a.sampleIds.join(' ') })), ['role', 'fineness', 'method', 'lab', 'samples', 'date']) : 'no assays recorded',
    !r ? '' : r.status === 'final' ? `final assay ${formatFineness(r.fineness)} (${r.basis}; difference ${formatFineness(r.difference)}, splitting limit ${formatFineness(r.splittingLimit)})` : r.status === 'umpire_needed' ? `umpire assay needed: difference ${formatFineness(r.difference)} exceeds the splitting limit ${formatFineness(r.splittingLimit)}` : `incomplete: missing ${r.missing.join(', ')}`,
    ...(r?.warnings ?? []).map((w) => `warning: ${w}`),
  ]
    .filter(Boolean)
    .join('\n');
}

function statementText(s: SettlementStatement): string {
  const r = s.result;
  return [
    `settlement ${s.id}: lot ${s.lot}, seller ${s.seller}, buyer ${s.buyer}`,
    `net melt ${r.netMeltGrams} g at ${r.fineness} (${s.input.assay.basis}) = ${r.fineGoldGrams} g fine (${r.fineGoldTroyOunces} ozt)`,
    `payable ${r.payablePercent} % = ${r.payableGoldGrams} g (${r.payableTroyOunces} ozt) at ${r.benchmark.usdPerTroyOz} ${r.currency}/ozt (${r.benchmark.kind} of ${r.benchmark.date}, ${r.benchmark.source})`,
    `gold value      ${r.goldValue}`,
    ...r.charges.map((c) => `${c.description.padEnd(15)} ${c.amount}`),
    ...(r.silverCredit ? [`${r.silverCredit.description}: ${r.silverCredit.amount}`] : []),
    `amount due      ${r.amountDue} ${r.currency}`,
    ...s.rules.map((x) => `rule: ${ruleText(x)}`),
  ].join('\n');
}

/** `orpaille price`, `assay` and `settlement`: the same operations as /prices, /assays and /settlements. */
export function registerPriceCommands(program: Command, { open, print, json, fail }: PriceCommandContext): void {
  const price = program.command('price').description('benchmark prices (LBMA), minimum prices and premiums');
  price
    .command('quote')
    .description('fine grams, minimum price and premium due (USD) for certified gold at a benchmark price, under the rules in force on --date')
    .requiredOption('--scheme <scheme>', 'fairtrade, fairtrade-eco, fairmined or fairmined-eco')
    .requiredOption('--grams <g>', 'gross mass in grams')
    .requiredOption('--fineness <permille>', 'fineness, parts per thousand (850.0)')
    .option('--lbma <usd>', 'benchmark price, USD per troy ounce (default: the imported price that applies on --date)')
    .option('--date <date>', 'purchase date, YYYY-MM-DD (default today)')
    .option('--metal <metal>', 'gold, silver or platinum', 'gold')
    .addOption(json())
    .action(async (o: { scheme: string; grams: string; fineness: string; lbma?: string; date?: string; metal: string; json?: boolean }) => {
      const q = await quote(await open(), { scheme: o.scheme, metal: o.metal, grams: o.grams, fineness: o.fineness, ...(o.lbma !== undefined ? { benchmarkUsdPerOz: o.lbma } : {}), ...(o.date ? { date: o.date } : {}) });
      print(Boolean(o.json), q, () =>
        [
          `${q.grossGrams} g at ${q.fineness} = ${q.fineGrams} g fine ${q.metal} (${q.fineTroyOunces} ozt), ${q.scheme}, ${q.date}`,
          `benchmark:     ${priceText(q)}`,
          `minimum price: ${q.minimumPrice} USD  (${ruleText(q.rules.minimumPrice)})`,
          `premium due:   ${q.premium} USD  (${ruleText(q.rules.premium)})`,
        ].join('\n'),
      );
    });
  price
    .command('import <file>')
    .description('import prices: LBMA daily CSV (date, AM, PM) or the monthly series (Date, Price); nothing is written if a line is bad')
    .option('--metal <metal>', 'gold, silver or platinum', 'gold')
    .option('--currency <code>', 'ISO 4217 currency of the prices', 'USD')
    .option('--source <text>', 'where the prices come from (stored with each price)')
    .addOption(json())
    .action(async (file: string, o: { metal: string; currency: string; source?: string; json?: boolean }) => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        throw new OrpailleError('ORP_IMPORT_INVALID', `cannot read ${file}`, { file });
      }
      const r = await importPrices(await open(), text, file, { metal: parseMetal(o.metal), currency: o.currency, ...(o.source ? { source: o.source } : {}) });
      if (r.problems.length > 0) fail();
      print(Boolean(o.json), r, () =>
        r.problems.length > 0
          ? [`${file}: nothing was written; ${r.problems.length} bad lines:`, ...r.problems.map((p) => `  line ${p.line}: ${p.message}`)].join('\n')
          : `${file}: ${r.format} prices, ${r.added} added, ${r.updated} updated, ${r.unchanged} unchanged`,
      );
    });
  price
    .command('show')
    .description('the benchmark price that applies on a date (and why that one), with the prices of that day and month')
    .option('--date <date>', 'YYYY-MM-DD (default today)')
    .option('--metal <metal>', 'gold, silver or platinum', 'gold')
    .addOption(json())
    .action(async (o: { date?: string; metal: string; json?: boolean }) => {
      const orp = await open();
      const s = await showPrices(orp, parseMetal(o.metal), o.date ?? orp.clock.now().toISOString().slice(0, 10));
      if (!s.applies) fail();
      print(Boolean(o.json), s, () =>
        [
          s.applies ? `${s.metal} on ${s.date}: ${s.applies.value} ${s.applies.currency}/ozt, ${s.applies.kind.replace('_', ' ')} of ${s.applies.date} (${s.applies.source})` : `no ${s.metal} price applies on ${s.date}: import one (orpaille price import FILE)`,
          s.rows.length ? table(s.rows as unknown as Record<string, unknown>[], ['date', 'kind', 'am', 'pm', 'average', 'currency', 'source']) : '',
        ]
          .filter(Boolean)
          .join('\n'),
      );
    });

  const assay = program.command('assay').description("assay exchange: seller's and buyer's assays, splitting limit, umpire");
  assay
    .command('open')
    .description('open an assay exchange for a delivery lot between a seller and a buyer')
    .requiredOption('--lot <lot>', 'the delivery lot (number or URI)')
    .requiredOption('--seller <org>', 'seller organisation')
    .requiredOption('--buyer <org>', 'buyer organisation')
    .requiredOption('--org <org>', 'the organisation acting (the seller or the buyer)')
    .option('--metal <metal>', 'gold, silver or platinum', 'gold')
    .addOption(json())
    .action(async (o: { lot: string; seller: string; buyer: string; org: string; metal: string; json?: boolean }) => {
      const orp = await open();
      const x = await openExchange(orp, await actor(orp, o.org), o);
      print(Boolean(o.json), x, () => exchangeText(x));
    });
  assay
    .command('record <exchange>')
    .description("record the seller's, buyer's or umpire's assay (never overwritten)")
    .requiredOption('--org <org>', 'the organisation acting: the seller records the seller assay, the buyer the buyer assay, either the umpire assay')
    .requiredOption('--role <role>', 'seller, buyer or umpire')
    .requiredOption('--method <method>', 'fire_assay, xrf or other')
    .requiredOption('--lab <lab>', 'laboratory')
    .requiredOption('--fineness <permille>', 'result, parts per thousand (913.4)')
    .option('--sample <id>', 'sample id (repeat for several)', collect, [])
    .option('--date <date>', 'assay date, YYYY-MM-DD (default today)')
    .addOption(json())
    .action(async (id: string, o: { org: string; role: string; method: string; lab: string; fineness: string; sample: string[]; date?: string; json?: boolean }) => {
      const orp = await open();
      const x = await recordAssay(orp, await actor(orp, o.org), id, { role: o.role, method: o.method, lab: o.lab, sampleIds: o.sample, fineness: o.fineness, ...(o.date ? { date: o.date } : {}) });
      print(Boolean(o.json), x, () => exchangeText(x));
    });
  assay
    .command('reconcile <exchange>')
    .description('final assay: the mean within the splitting limit, else the umpire rule (exit 1 while an assay is missing or an umpire is needed)')
    .addOption(json())
    .action(async (id: string, o: { json?: boolean }) => {
      const x = await reconcileExchange(await open(), id);
      if (x.reconciliation.status !== 'final') fail();
      print(Boolean(o.json), x, () => exchangeText(x));
    });
  assay
    .command('show <exchange>')
    .description('an assay exchange with its assays and last reconciliation')
    .addOption(json())
    .action(async (id: string, o: { json?: boolean }) => {
      const x = await requireExchange(await open(), id);
      print(Boolean(o.json), x, () => exchangeText(x));
    });

  const settlement = program.command('settlement').description('settlement statements for delivery lots');
  settlement
    .command('create')
    .description('compute and store the settlement statement of a delivery lot')
    .requiredOption('--lot <lot>', 'the delivery lot (number or URI)')
    .requiredOption('--seller <org>', 'seller organisation')
    .requiredOption('--buyer <org>', 'buyer organisation')
    .requiredOption('--org <org>', 'the organisation acting (the seller or the buyer)')
    .requiredOption('--net-grams <g>', 'net melt mass, grams')
    .option('--fineness <permille>', 'final assay, parts per thousand')
    .option('--assay-exchange <id>', 'take the final assay of this reconciled exchange')
    .requiredOption('--payable <percent>', 'payable share of the fine gold, percent (contract term, e.g. 99)')
    .requiredOption('--pricing-date <date>', 'agreed pricing date, YYYY-MM-DD')
    .option('--lbma <usd>', 'agreed gold price, USD per troy ounce (default: the imported price that applies on the pricing date)')
    .option('--charge <charge>', 'KIND=AMOUNT or KIND=RATE/oz, KIND refining, treatment, assay or other (repeatable)', collect, [])
    .option('--silver-fineness <permille>', 'silver content, parts per thousand (for a silver credit)')
    .option('--silver-payable <percent>', 'payable share of the fine silver, percent')
    .option('--silver-price <usd>', 'silver price, USD per troy ounce (default: the imported price)')
    .addOption(json())
    .action(
      async (o: {
        lot: string; seller: string; buyer: string; org: string; netGrams: string; fineness?: string; assayExchange?: string; payable: string; pricingDate: string;
        lbma?: string; charge: string[]; silverFineness?: string; silverPayable?: string; silverPrice?: string; json?: boolean;
      }) => {
        if ((o.silverFineness === undefined) !== (o.silverPayable === undefined)) throw badInput('a silver credit needs both --silver-fineness and --silver-payable');
        const orp = await open();
        const s = await createSettlement(orp, await actor(orp, o.org), {
          lot: o.lot,
          seller: o.seller,
          buyer: o.buyer,
          netMeltGrams: o.netGrams,
          ...(o.fineness !== undefined ? { fineness: o.fineness } : {}),
          ...(o.assayExchange !== undefined ? { assayExchange: o.assayExchange } : {}),
          payablePercent: o.payable,
          pricingDate: o.pricingDate,
          ...(o.lbma !== undefined ? { benchmarkUsdPerOz: o.lbma } : {}),
          charges: o.charge.map(parseCharge),
          ...(o.silverFineness !== undefined ? { silverCredit: { fineness: o.silverFineness, payablePercent: o.silverPayable!, ...(o.silverPrice !== undefined ? { benchmarkUsdPerOz: o.silverPrice } : {}) } } : {}),
        });
        print(Boolean(o.json), s, () => statementText(s));
      },
    );
  settlement
    .command('show <id>')
    .description('a stored settlement statement')
    .addOption(json())
    .action(async (id: string, o: { json?: boolean }) => {
      const s = await (await open()).settlements.get(id);
      if (!s) throw new OrpailleError('ORP_NOT_FOUND', `no settlement ${id}`, { id });
      print(Boolean(o.json), s, () => statementText(s));
    });
}
