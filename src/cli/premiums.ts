import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { requireOrganisation } from '../accounts/index.js';
import { parseCsv } from '../custody/index.js';
import { OrpailleError, formatGrams, formatMoney } from '../kernel/index.js';
import type { Orpaille } from '../orpaille.js';
import {
  contractStatementView,
  contractView,
  deliveryView,
  failedDeliveryView,
  paymentView,
  planView,
  projectView,
  spendingView,
  statementView,
  valuationView,
  type FxRate,
} from '../premiums/index.js';
import type { AccessCommandContext } from './access.js';
import { table } from './io.js';

/** Who the command line acts as: the operator of the installation, recorded as the author of what it writes. */
const CLI_ACTOR = 'cli';

const uriOf = async (orp: Orpaille, id: string) => (await requireOrganisation(orp, id)).uri;
const collect = (v: string, prev: string[] = []) => [...prev, v];

/** `--rate bank_lending_rate=5.5 --rate credit_insurance=0.8` as cost-cap components. */
function costComponents(rates: string[] = []): Record<string, { percent: string }> {
  const out: Record<string, { percent: string }> = {};
  for (const r of rates) {
    const m = /^([a-z_]+)=(\d+(?:\.\d+)?)$/.exec(r.trim());
    if (!m) throw new OrpailleError('ORP_BAD_INPUT', `--rate must be NAME=PERCENT (e.g. bank_lending_rate=5.5), got "${r}"`, { rate: r });
    out[m[1]!] = { percent: m[2]! };
  }
  return out;
}

function dueRows(dues: ReturnType<typeof valuationView>[]) {
  return dues.map((d) => ({ ...d, schemes: d.schemes.map((s) => s.scheme).join(','), paidUsd: d.paid ?? '', finding: d.status === 'not_evaluated' ? `not evaluated: ${d.reason}` : d.belowMinimum ? 'below minimum' : '' }));
}

/** `orpaille premium ...` and `orpaille fx ...`: the premium ledger, the below-minimum policy and exchange rates. */
export function registerPremiumCommands(program: Command, { open, print, json }: AccessCommandContext): void {
  const premium = program.command('premium').description('premium ledger of producer organisations: due, paid, outstanding, investment plan and spending');

  premium
    .command('due')
    .description('premium due lines of a producer: one per certified purchase, with minimum due, price paid and premium due (USD)')
    .requiredOption('--org <id>', 'producer organisation')
    .option('--buyer <id>', 'only purchases of this buyer')
    .addOption(json())
    .action(async (o: { org: string; buyer?: string; json?: boolean }) => {
      const orp = await open();
      const dues = (await orp.premiums.dues({ producer: await uriOf(orp, o.org), ...(o.buyer ? { buyer: await uriOf(orp, o.buyer) } : {}) })).map(valuationView);
      print(Boolean(o.json), dues, () => table(dueRows(dues), ['date', 'purchaseNumber', 'schemes', 'fineGrams', 'minimumDue', 'paidUsd', 'premiumDue', 'finding']));
    });

  premium
    .command('revalue')
    .description('price again the certified purchases that could not be evaluated when captured (no benchmark price, rate or rule then)')
    .option('--org <id>', 'only this producer')
    .addOption(json())
    .action(async (o: { org?: string; json?: boolean }) => {
      const orp = await open();
      const done = (await orp.premiums.revalue(o.org ? await uriOf(orp, o.org) : undefined)).map(valuationView);
      print(Boolean(o.json), done, () => `${done.length} purchases evaluated` + (done.length > 0 ? '\n' + table(dueRows(done), ['date', 'purchaseNumber', 'minimumDue', 'paidUsd', 'premiumDue', 'finding']) : ''));
    });

  premium
    .command('pay')
    .description('record a premium payment from a buyer to a producer (refused beyond what the buyer owes)')
    .requiredOption('--org <id>', 'producer organisation paid')
    .requiredOption('--payer <id>', 'paying organisation')
    .requiredOption('--reference <ref>', 'transfer, receipt or cheque reference')
    .requiredOption('--date <date>', 'YYYY-MM-DD')
    .requiredOption('--method <method>', 'cash, mobile_money, bank_transfer, cheque or credit')
    .requiredOption('--amount <amount>', 'decimal amount')
    .option('--currency <code>', 'ISO 4217 code (converted to USD at the rate of the date)', 'USD')
    .addOption(json())
    .action(async (o: { org: string; payer: string; reference: string; date: string; method: string; amount: string; currency: string; json?: boolean }) => {
      const orp = await open();
      const p = await orp.premiums.pay(
        { producer: await uriOf(orp, o.org), payer: await uriOf(orp, o.payer), reference: o.reference, paidOn: o.date, method: o.method, amount: o.amount, currency: o.currency },
        CLI_ACTOR,
      );
      print(Boolean(o.json), paymentView(p), () => `recorded payment ${p.reference}: ${p.amount} ${p.currency} = ${formatMoney(p.usdCents)} USD (${p.id})`);
    });

  premium
    .command('statement')
    .description("a producer's premium statement: due, paid and outstanding per buyer, findings, plan and spending")
    .requiredOption('--org <id>', 'producer organisation')
    .addOption(json())
    .action(async (o: { org: string; json?: boolean }) => {
      const orp = await open();
      const s = statementView(await orp.premiums.statement(await uriOf(orp, o.org)));
      print(Boolean(o.json), s, () =>
        [
          `premium ledger of ${s.producer} (USD): due ${s.due}, paid ${s.paid}, outstanding ${s.outstanding}`,
          table(s.buyers as unknown as Record<string, unknown>[], ['buyer', 'purchases', 'notEvaluated', 'due', 'paid', 'outstanding']),
          s.findings.length > 0 ? `\nfindings:\n` + table(s.findings as unknown as Record<string, unknown>[], ['kind', 'date', 'purchaseNumber', 'minimumDue', 'paid', 'reason']) : '',
          ...s.plans.map((p) => `\nplan ${p.id} (${p.from} to ${p.to}, decided ${p.decidedOn} by ${p.decidedBy}):\n` + table(p.projects as unknown as Record<string, unknown>[], ['id', 'name', 'budget', 'spent', 'remaining', 'from', 'to'])),
          s.investment ? `\nreceived ${s.investment.received}, spent ${s.investment.spent}, unspent ${s.investment.unspent}` : '',
        ]
          .filter(Boolean)
          .join('\n'),
      );
    });

  const plan = premium.command('plan').description("the Premium Committee's Premium Investment Plan and its projects");
  plan
    .command('add')
    .description('record a Premium Investment Plan (Fairmined: 3 to 5 years)')
    .requiredOption('--org <id>', 'producer organisation')
    .requiredOption('--scheme <scheme>', 'fairmined, fairtrade...')
    .requiredOption('--from <date>', 'first day YYYY-MM-DD')
    .requiredOption('--to <date>', 'last day YYYY-MM-DD')
    .requiredOption('--decided-on <date>', 'date of the Premium Committee decision')
    .option('--decided-by <body>', 'deciding body', 'Premium Committee')
    .option('--minutes <ref>', 'reference of the minutes')
    .addOption(json())
    .action(async (o: { org: string; scheme: string; from: string; to: string; decidedOn: string; decidedBy: string; minutes?: string; json?: boolean }) => {
      const orp = await open();
      const p = await orp.premiums.addPlan({ producer: await uriOf(orp, o.org), scheme: o.scheme, from: o.from, to: o.to, decidedOn: o.decidedOn, decidedBy: o.decidedBy, ...(o.minutes ? { minutes: o.minutes } : {}) });
      print(Boolean(o.json), planView(p), () => `recorded plan ${p.id} (${p.from} to ${p.to})`);
    });
  plan
    .command('project')
    .description('add a project (budget in USD, period, decision date) to a plan')
    .requiredOption('--org <id>', 'producer organisation')
    .requiredOption('--plan <id>', 'plan id')
    .requiredOption('--name <name>', 'what the project is')
    .requiredOption('--budget <usd>', 'budget in USD')
    .requiredOption('--from <date>', 'first day')
    .requiredOption('--to <date>', 'last day')
    .requiredOption('--decided-on <date>', 'date of the Premium Committee decision')
    .addOption(json())
    .action(async (o: { org: string; plan: string; name: string; budget: string; from: string; to: string; decidedOn: string; json?: boolean }) => {
      const orp = await open();
      const p = await orp.premiums.addProject(await uriOf(orp, o.org), { plan: o.plan, name: o.name, budget: o.budget, from: o.from, to: o.to, decidedOn: o.decidedOn });
      print(Boolean(o.json), projectView(p), () => `added project ${p.id}: ${p.name}, budget ${formatMoney(p.budgetCents)} USD`);
    });
  plan
    .command('show')
    .description("a producer's plans and projects")
    .requiredOption('--org <id>', 'producer organisation')
    .addOption(json())
    .action(async (o: { org: string; json?: boolean }) => {
      const orp = await open();
      const { plans, projects } = await orp.premiums.plans(await uriOf(orp, o.org));
      const shown = plans.map((p) => ({ ...planView(p), projects: projects.filter((x) => x.plan === p.id).map(projectView) }));
      print(Boolean(o.json), shown, () => shown.map((p) => `plan ${p.id} (${p.from} to ${p.to})\n` + table(p.projects, ['id', 'name', 'budget', 'from', 'to', 'decidedOn'])).join('\n\n'));
    });

  premium
    .command('spend')
    .description('record premium money spent on a project, with its receipts (refused beyond the budget)')
    .requiredOption('--org <id>', 'producer organisation')
    .requiredOption('--project <id>', 'project id')
    .requiredOption('--date <date>', 'YYYY-MM-DD')
    .requiredOption('--amount <amount>', 'decimal amount')
    .option('--currency <code>', 'ISO 4217 code', 'USD')
    .requiredOption('--description <text>', 'what was bought or paid')
    .requiredOption('--receipt <ref>', 'receipt reference (repeat for several)', collect)
    .addOption(json())
    .action(async (o: { org: string; project: string; date: string; amount: string; currency: string; description: string; receipt: string[]; json?: boolean }) => {
      const orp = await open();
      const s = await orp.premiums.spend(await uriOf(orp, o.org), { project: o.project, spentOn: o.date, amount: o.amount, currency: o.currency, description: o.description, receipts: o.receipt }, CLI_ACTOR);
      print(Boolean(o.json), spendingView(s), () => `recorded ${s.amount} ${s.currency} (${formatMoney(s.usdCents)} USD) on ${s.project}`);
    });

  premium
    .command('policy')
    .description("an organisation's below-minimum policy: reject (refuse the purchase) or flag (accept, list as a finding; the default)")
    .requiredOption('--org <id>', 'buying organisation')
    .option('--set <policy>', 'reject or flag')
    .addOption(json())
    .action(async (o: { org: string; set?: string; json?: boolean }) => {
      const orp = await open();
      const uri = await uriOf(orp, o.org);
      const policy = o.set !== undefined ? await orp.premiums.setPolicy(uri, o.set, CLI_ACTOR) : await orp.premiums.policy(uri);
      print(Boolean(o.json), { org: o.org, belowMinimumPolicy: policy }, () => `${o.org}: below-minimum policy ${policy}`);
    });

  const fx = program.command('fx').description('dated exchange rates to USD (for purchases, payments and spending in other currencies)');
  fx.command('add')
    .description('record the rate of a currency on a date')
    .requiredOption('--currency <code>', 'ISO 4217 code')
    .requiredOption('--date <date>', 'YYYY-MM-DD')
    .requiredOption('--usd <rate>', 'USD per one unit of the currency')
    .requiredOption('--source <source>', 'who published it (e.g. "Banque Centrale du Congo")')
    .addOption(json())
    .action(async (o: { currency: string; date: string; usd: string; source: string; json?: boolean }) => {
      const [r] = await (await open()).premiums.addFxRates([{ currency: o.currency, date: o.date, usdPerUnit: o.usd, source: o.source }]);
      print(Boolean(o.json), r, () => `1 ${r!.currency} = ${r!.usdPerUnit} USD on ${r!.date} (${r!.source})`);
    });
  fx.command('import <file>')
    .description('record rates from a CSV with the columns currency,date,usd_per_unit,source (all or nothing)')
    .addOption(json())
    .action(async (file: string, o: { json?: boolean }) => {
      const [header, ...body] = parseCsv(readFileSync(file, 'utf8')).map((r) => r.fields);
      const want = ['currency', 'date', 'usd_per_unit', 'source'];
      if (!header || want.some((c, i) => header[i]?.trim() !== c)) throw new OrpailleError('ORP_BAD_INPUT', `${file}: the header must be ${want.join(',')}`, { file });
      const rates: FxRate[] = body.filter((r) => r.some((c) => c.trim() !== '')).map((r) => ({ currency: r[0] ?? '', date: r[1] ?? '', usdPerUnit: r[2] ?? '', source: r[3] ?? '' }));
      const added = await (await open()).premiums.addFxRates(rates);
      print(Boolean(o.json), { file, added: added.length }, () => `${file}: ${added.length} rates recorded`);
    });
  fx.command('list')
    .description('list rates')
    .option('--currency <code>', 'only this currency')
    .addOption(json())
    .action(async (o: { currency?: string; json?: boolean }) => {
      const rates = await (await open()).premiums.fxRates(o.currency?.toUpperCase());
      print(Boolean(o.json), rates, () => table(rates as unknown as Record<string, unknown>[], ['currency', 'date', 'usdPerUnit', 'source']));
    });
}

/** `orpaille contract ...`: trading terms and finance between a buyer and a seller. */
export function registerContractCommands(program: Command, { open, print, json }: AccessCommandContext): void {
  const contract = program.command('contract').description('trading contracts: trial period, pre-finance and its cost cap, deliveries, failed deliveries');
  contract
    .command('create')
    .description('record a contract (refused beyond the trial limit or above the financing cost cap)')
    .requiredOption('--reference <ref>', "the buyer's contract reference")
    .requiredOption('--buyer <id>', 'buying organisation')
    .requiredOption('--seller <id>', 'selling organisation')
    .requiredOption('--scheme <scheme>', 'fairmined, fairmined-eco, fairtrade or fairtrade-eco')
    .requiredOption('--start <date>', 'YYYY-MM-DD')
    .option('--trial <n>', "trial consignments (default: the scheme's limit)")
    .option('--prefinance <usd>', 'pre-finance amount, USD')
    .option('--inventory-financing <usd>', 'inventory financing amount, USD')
    .option('--financing-cost <percent>', 'yearly cost of the financing, percent')
    .option('--rate <name=percent>', 'a component of the cost cap, e.g. bank_lending_rate=5.5 (repeat)', collect)
    .addOption(json())
    .action(async (o: { reference: string; buyer: string; seller: string; scheme: string; start: string; trial?: string; prefinance?: string; inventoryFinancing?: string; financingCost?: string; rate?: string[]; json?: boolean }) => {
      const orp = await open();
      const trial = o.trial === undefined ? undefined : Number(o.trial);
      if (trial !== undefined && !Number.isInteger(trial)) throw new OrpailleError('ORP_BAD_INPUT', `--trial must be a whole number, got "${o.trial}"`);
      const c = await orp.premiums.createContract(
        {
          reference: o.reference,
          buyer: await uriOf(orp, o.buyer),
          seller: await uriOf(orp, o.seller),
          scheme: o.scheme,
          startsOn: o.start,
          ...(trial !== undefined ? { trialConsignments: trial } : {}),
          ...(o.prefinance ? { prefinance: o.prefinance } : {}),
          ...(o.inventoryFinancing ? { inventoryFinancing: o.inventoryFinancing } : {}),
          ...(o.financingCost ? { financingCostPercent: o.financingCost } : {}),
          costComponents: costComponents(o.rate),
        },
        CLI_ACTOR,
      );
      print(Boolean(o.json), contractView(c), () => `recorded contract ${c.reference} (${c.id}): ${c.trialConsignments} trial consignments, pre-finance ${formatMoney(c.prefinanceCents)} USD`);
    });
  contract
    .command('list')
    .description('list contracts')
    .option('--org <id>', 'only contracts of this organisation')
    .addOption(json())
    .action(async (o: { org?: string; json?: boolean }) => {
      const orp = await open();
      const list = (await orp.premiums.contracts(o.org ? [await uriOf(orp, o.org)] : 'all')).map(contractView);
      print(Boolean(o.json), list, () => table(list as unknown as Record<string, unknown>[], ['id', 'reference', 'scheme', 'startsOn', 'trialConsignments', 'prefinance', 'buyer', 'seller']));
    });
  contract
    .command('show <id>')
    .description('a contract with its deliveries, failed deliveries and pre-finance balance')
    .addOption(json())
    .action(async (id: string, o: { json?: boolean }) => {
      const s = contractStatementView(await (await open()).premiums.contractStatement(id));
      print(Boolean(o.json), s, () =>
        [
          `contract ${s.reference} (${s.scheme}, from ${s.startsOn}): ${s.trialConsignmentsUsed}/${s.trialConsignments} trial consignments${s.trialEndedOn ? `, trial ended ${s.trialEndedOn}` : ''}`,
          `pre-finance ${s.prefinance} USD, repaid ${s.prefinanceRepaid}, outstanding ${s.prefinanceOutstanding}; inventory financing ${s.inventoryFinancing} USD at ${s.financingCostPercent} %`,
          table(s.deliveries as unknown as Record<string, unknown>[], ['deliveredOn', 'fineGrams', 'value', 'trial', 'repaid', 'purchaseNumber']),
          s.failedDeliveries.length > 0 ? 'failed deliveries:\n' + table(s.failedDeliveries as unknown as Record<string, unknown>[], ['reportedOn', 'shortGrams', 'reason']) : '',
        ]
          .filter(Boolean)
          .join('\n'),
      );
    });
  contract
    .command('deliver <id>')
    .description('record a delivery under a contract (a trial consignment while on trial; its value repays pre-finance)')
    .requiredOption('--date <date>', 'YYYY-MM-DD')
    .requiredOption('--fine-grams <g>', 'fine gold delivered, grams')
    .requiredOption('--value <usd>', 'value of the delivery, USD')
    .option('--purchase <number>', 'the purchase number in the ledger')
    .addOption(json())
    .action(async (id: string, o: { date: string; fineGrams: string; value: string; purchase?: string; json?: boolean }) => {
      const d = await (await open()).premiums.deliver(id, { deliveredOn: o.date, fineGrams: o.fineGrams, value: o.value, ...(o.purchase ? { purchaseNumber: o.purchase } : {}) });
      print(Boolean(o.json), deliveryView(d), () => `recorded delivery of ${formatGrams(d.fineMg)} g fine${d.trial ? ' (trial consignment)' : ''}; repaid ${formatMoney(d.repaidCents)} USD of pre-finance`);
    });
  contract
    .command('fail <id>')
    .description('report a failed delivery')
    .requiredOption('--date <date>', 'YYYY-MM-DD')
    .requiredOption('--reason <text>', 'why')
    .requiredOption('--short-grams <g>', 'fine gold short, grams')
    .addOption(json())
    .action(async (id: string, o: { date: string; reason: string; shortGrams: string; json?: boolean }) => {
      const f = await (await open()).premiums.reportFailedDelivery(id, { reportedOn: o.date, reason: o.reason, shortGrams: o.shortGrams });
      print(Boolean(o.json), failedDeliveryView(f), () => `reported failed delivery: ${formatGrams(f.shortMg)} g short (${f.reason})`);
    });
  contract
    .command('end-trial <id>')
    .description('end the trial period from a date')
    .requiredOption('--date <date>', 'YYYY-MM-DD')
    .addOption(json())
    .action(async (id: string, o: { date: string; json?: boolean }) => {
      const c = await (await open()).premiums.endTrial(id, o.date);
      print(Boolean(o.json), contractView(c), () => `trial period of ${c.reference} ended on ${c.trialEndedOn}`);
    });
}
