import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { AUTHORISATION_KINDS, ICGLR_STATUSES, SCHEMES, verifyCredential, type Authorisation } from '../certification/index.js';
import { OrpailleError } from '../kernel/index.js';
import type { Orpaille } from '../orpaille.js';
import { addAuthorisation, authorisationView, changeAuthorisationStatus, listAuthorisations, recordInspection, requireSite, siteStatus, type AuthorisationView } from '../registrar/index.js';
import type { AccessCommandContext } from './access.js';
import { table } from './io.js';

/** What the certification commands need from `main`: the access commands' context and a way to set the exit code. */
export interface CertificationCommandContext extends AccessCommandContext {
  fail(): void;
}

const list = (v: string | undefined) => (v === undefined ? undefined : v.split(',').map((x) => x.trim()).filter(Boolean));

function cycleOption(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new OrpailleError('ORP_BAD_INPUT', `--cycle must be a whole number of years, got "${v}"`);
  return n;
}

function viewText(v: AuthorisationView): string {
  const rows: [string, unknown][] = [
    ['id', v.id],
    ['kind', v.kind],
    ['scheme', v.scheme],
    ['holder', v.holder],
    ['issuer', v.issuer],
    ['issued', v.issuedOn],
    ['valid until', v.validUntil],
    ['next assessment due', v.nextAssessmentDue],
    ['standing', `${v.standing.status} since ${v.standing.since} (on ${v.standing.on})`],
    ...Object.entries(v.scope).map(([k, x]): [string, unknown] => [`scope.${k}`, Array.isArray(x) ? x.join(', ') : x]),
  ];
  const history = v.statusChanges.map((c) => ({ from: c.from, status: c.status, reason: c.reason ?? '' }));
  return [
    table(rows.filter(([, x]) => x !== undefined).map(([field, value]) => ({ field, value })), ['field', 'value']),
    ...(history.length > 0 ? ['', table(history, ['from', 'status', 'reason'])] : []),
  ].join('\n');
}

/** `orpaille cert ...`, `orpaille vc verify` and `orpaille site inspect|status`. */
export function registerCertificationCommands(program: Command, site: Command, { open, print, json, fail }: CertificationCommandContext): void {
  const today = (orp: Orpaille) => orp.clock.now().toISOString();
  const cert = program.command('cert').description('certificates, Permits to Trade, licences, FLOCERT, RMAP and LBMA listings (docs/certification.md)');

  cert
    .command('add')
    .description('record an authorisation; the issuer must be an organisation with role certifier or auditor')
    .requiredOption('--kind <kind>', AUTHORISATION_KINDS.join(', '))
    .requiredOption('--scheme <scheme>', SCHEMES.join(', '))
    .requiredOption('--holder <org>', 'the organisation authorised (id or URI)')
    .requiredOption('--issuer <org>', 'the issuing organisation (id or URI)')
    .requiredOption('--issued <date>', 'issue date, YYYY-MM-DD')
    .option('--valid-until <date>', 'last valid day, YYYY-MM-DD (RMAP: defaults to the next assessment date)')
    .option('--id <id>', 'certificate number (default: generated)')
    .option('--sites <ids>', 'mine sites covered, comma-separated ids or URIs')
    .option('--products <list>', 'products covered (licences), comma-separated')
    .option('--activities <list>', 'activities covered, comma-separated')
    .option('--ecological', 'ecological gold (no mercury, no cyanide)')
    .option('--suppliers <orgs>', 'Permit to Trade: organisations it may buy from, comma-separated')
    .option('--first-buyer', 'Permit to Trade: the holder is the First Authorized Buyer of its suppliers')
    .option('--cycle <years>', 'RMAP assessment cycle (1, 2 or 3 years)')
    .option('--last-assessed <date>', 'RMAP: date of the last assessment')
    .option('--rmap-status <status>', 'RMAP list: active or conformant')
    .addOption(json())
    .action(async (o: Record<string, string | boolean | undefined> & { json?: boolean }) => {
      const orp = await open();
      const str = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
      const cycle = cycleOption(str('cycle'));
      const a = await addAuthorisation(orp, {
        ...(str('id') ? { id: str('id')! } : {}),
        kind: str('kind')!,
        scheme: str('scheme')!,
        holder: str('holder')!,
        issuer: str('issuer')!,
        issuedOn: str('issued')!,
        ...(str('validUntil') ? { validUntil: str('validUntil')! } : {}),
        scope: {
          ...(list(str('sites')) ? { sites: list(str('sites'))! } : {}),
          ...(list(str('products')) ? { products: list(str('products'))! } : {}),
          ...(list(str('activities')) ? { activities: list(str('activities'))! } : {}),
          ...(o['ecological'] ? { ecological: true } : {}),
          ...(list(str('suppliers')) ? { suppliers: list(str('suppliers'))! } : {}),
          ...(o['firstBuyer'] ? { firstAuthorisedBuyer: true } : {}),
          ...(cycle !== undefined ? { assessmentCycleYears: cycle } : {}),
          ...(str('lastAssessed') ? { lastAssessedOn: str('lastAssessed')! } : {}),
          ...(str('rmapStatus') ? { rmapStatus: str('rmapStatus')! } : {}),
        },
      });
      const v = authorisationView(a, today(orp));
      print(Boolean(o.json), v, () => `recorded ${v.scheme} ${v.kind} ${v.id} for ${v.holder}, valid ${v.issuedOn} to ${v.validUntil}`);
    });

  cert
    .command('list')
    .description('list authorisations with their standing today')
    .option('--holder <org>', 'held by this organisation')
    .option('--issuer <org>', 'issued by this organisation')
    .option('--kind <kind>', AUTHORISATION_KINDS.join(', '))
    .option('--scheme <scheme>', SCHEMES.join(', '))
    .option('--site <site>', 'covering this mine site')
    .addOption(json())
    .action(async (o: { holder?: string; issuer?: string; kind?: string; scheme?: string; site?: string; json?: boolean }) => {
      const orp = await open();
      const views = (await listAuthorisations(orp, o)).map((a) => authorisationView(a, today(orp)));
      print(Boolean(o.json), views, () =>
        table(
          views.map((v) => ({ ...v, standing: `${v.standing.status} since ${v.standing.since}` })),
          ['id', 'scheme', 'kind', 'holder', 'issuedOn', 'validUntil', 'standing'],
        ),
      );
    });

  const requireAuthorisation = async (orp: Orpaille, id: string): Promise<Authorisation> => {
    const a = await orp.certification.get(id);
    if (!a) throw new OrpailleError('ORP_NOT_FOUND', `no authorisation ${id}`, { id });
    return a;
  };

  cert
    .command('show <id>')
    .description('an authorisation with its scope, status history and standing')
    .option('--date <date>', 'standing on this date (default today)')
    .addOption(json())
    .action(async (id: string, o: { date?: string; json?: boolean }) => {
      const orp = await open();
      const v = authorisationView(await requireAuthorisation(orp, id), o.date ?? today(orp));
      print(Boolean(o.json), v, () => viewText(v));
    });

  for (const [name, status, what] of [
    ['suspend', 'suspended', 'suspend from a date (default today) on; transfers before it keep their standing'],
    ['reinstate', 'active', 'end a suspension from a date (default today) on'],
    ['withdraw', 'withdrawn', 'withdraw for good from a date (default today) on'],
  ] as const) {
    cert
      .command(`${name} <id>`)
      .description(what)
      .option('--from <date>', 'first day it applies, YYYY-MM-DD, today or later (default today)')
      .option('--reason <text>', 'why')
      .addOption(json())
      .action(async (id: string, o: { from?: string; reason?: string; json?: boolean }) => {
        const orp = await open();
        const v = authorisationView(await changeAuthorisationStatus(orp, id, status, o.from, o.reason), today(orp));
        const last = v.statusChanges[v.statusChanges.length - 1]!;
        print(Boolean(o.json), v, () => `${v.id} ${last.status} from ${last.from}${last.reason ? ` (${last.reason})` : ''}`);
      });
  }

  cert
    .command('vc <id>')
    .description('issue the authorisation as a W3C Verifiable Credential signed with the issuer organisation key (eddsa-jcs-2022, did:key)')
    .option('--out <file>', 'write the credential to this file instead of stdout')
    .addOption(json())
    .action(async (id: string, o: { out?: string; json?: boolean }) => {
      const vc = await (await open()).issueCredential(id);
      const text = JSON.stringify(vc, null, 2);
      if (o.out === undefined) {
        print(true, vc, () => text);
        return;
      }
      writeFileSync(o.out, `${text}\n`);
      print(Boolean(o.json), { file: o.out, id: vc.id, issuer: vc.issuer.id }, () => `wrote ${o.out}: ${vc.id} signed by ${vc.issuer.id}`);
    });

  const vc = program.command('vc').description('W3C Verifiable Credentials');
  vc.command('verify <file>')
    .description('verify a credential offline: exit 0 when valid, 1 with every reason when not')
    .addOption(json())
    .action((file: string, o: { json?: boolean }) => {
      let doc: unknown;
      try {
        doc = JSON.parse(readFileSync(file, 'utf8'));
      } catch (err) {
        throw new OrpailleError('ORP_BAD_INPUT', `${file} is not a readable JSON file: ${err instanceof Error ? err.message : String(err)}`, { file });
      }
      const verdict = verifyCredential(doc, new Date());
      if (!verdict.valid) fail();
      print(Boolean(o.json), verdict, () =>
        verdict.valid
          ? `valid: ${verdict.id ?? 'credential'} issued by ${verdict.issuer}${verdict.issuerParty ? ` (${verdict.issuerParty})` : ''} to ${verdict.subject ?? '?'}, valid until ${verdict.validUntil ?? 'no end'}`
          : ['INVALID', ...verdict.problems.map((p) => `  ${p.code}: ${p.message}`)].join('\n'),
      );
    });

  site
    .command('inspect <site>')
    .description('record an ICGLR inspection of a mine site (id, URI or ICGLR id)')
    .requiredOption('--status <status>', `result: ${ICGLR_STATUSES.map((s, i) => `${i} ${s}`).join(', ')}`)
    .requiredOption('--inspector <name>', 'inspector')
    .requiredOption('--agency <name>', 'inspecting agency')
    .option('--date <date>', 'inspection date, YYYY-MM-DD (default today)')
    .option('--report <ref>', 'report reference or URL')
    .option('--purpose <text>', 'initial, periodic, follow-up...')
    .option('--id <id>', 'inspection id (default: generated)')
    .addOption(json())
    .action(async (siteId: string, o: { status: string; inspector: string; agency: string; date?: string; report?: string; purpose?: string; id?: string; json?: boolean }) => {
      const orp = await open();
      const s = await requireSite(orp, siteId);
      const i = await recordInspection(orp, s, {
        date: o.date ?? today(orp).slice(0, 10),
        status: o.status,
        inspector: o.inspector,
        agency: o.agency,
        ...(o.report !== undefined ? { report: o.report } : {}),
        ...(o.purpose !== undefined ? { purpose: o.purpose } : {}),
        ...(o.id !== undefined ? { id: o.id } : {}),
      });
      print(Boolean(o.json), i, () => `recorded inspection ${i.id} of ${s.id} on ${i.date}: ${ICGLR_STATUSES[i.status]} (${i.status})`);
    });

  site
    .command('status <site>')
    .description('ICGLR status of a mine site on a date, from its inspections')
    .option('--date <date>', 'YYYY-MM-DD (default today)')
    .addOption(json())
    .action(async (siteId: string, o: { date?: string; json?: boolean }) => {
      const orp = await open();
      const s = await requireSite(orp, siteId);
      const r = await siteStatus(orp, s, o.date);
      print(Boolean(o.json), r, () =>
        [
          `${s.id} (${s.icglrId}) on ${r.status.date}: ${r.status.status.toUpperCase()} (${r.status.code})${r.status.since ? ` since ${r.status.since}` : ''}${r.status.until ? ` until ${r.status.until}` : ''}; export ${r.status.exportAllowed ? 'allowed' : 'not allowed'}`,
          `  ${r.status.reason}`,
          ...(r.inspections.length > 0 ? ['', table(r.inspections.map((i) => ({ ...i, result: `${i.status} ${ICGLR_STATUSES[i.status]}` })), ['date', 'result', 'id', 'agency', 'inspector', 'purpose'])] : []),
        ].join('\n'),
      );
    });
}
