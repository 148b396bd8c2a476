import { Command, CommanderError, Option } from 'commander';
import { isOrpailleError, OrpailleError } from '../kernel/index.js';
import { lotView } from '../custody/index.js';
import { openOrpaille, type Orpaille, type OrpailleConfig } from '../orpaille.js';
import { captureFile, captureLimitOptions } from './capture.js';
import { exportDocument, importLogbook, requireOrg, showLot, trace } from './commands.js';
import { hashFile, validateFile } from './epcis-commands.js';
import { configFromEnv } from './config.js';
import { processIo, progress, table, type Io } from './io.js';
import { demoDisclosureCode, seedDemo } from '../demo/index.js';
import { serve } from '../http/index.js';
import { firstStartAccounts, registerAccessCommands } from './access.js';
import { registerPriceCommands } from './prices.js';
import { registerCertificationCommands } from './certification.js';
import { registerClaimCommands } from './claims.js';
import { registerAssessmentCommands, registerCraftCommands, registerKycCommands } from './assessments.js';
import { registerGatingCommands, registerPlanCommands, registerStepCommands } from './gating.js';
import { registerContractCommands, registerPremiumCommands } from './premiums.js';
import { registerRedFlagCommands } from './redflags.js';
import { registerTagCommands } from './tags.js';
import { registerCmrtCommands } from './cmrt.js';
import { registerRuleCommands } from './rules.js';
import { registerEvidenceCommands } from './evidence.js';
import { registerCmrtReport } from './report-cmrt.js';
import { registerStatementReport } from './report-statement.js';
import { registerIcglrReport } from './report-icglr.js';
import { registerProgrammeReport } from './report-programme.js';
import { registerRmapReport } from './report-rmap.js';
import { registerStep5Report } from './report-step5.js';

/** Exit codes: 0 ok, 1 the check or import failed, 2 bad usage or input. */
export async function main(argv: string[], io: Io = processIo, config: OrpailleConfig = configFromEnv()): Promise<number> {
  let exitCode = 0;
  let orp: Orpaille | undefined;
  const open = async () => (orp ??= await openOrpaille(config));
  const print = (json: boolean, data: unknown, text: () => string) => io.out(json ? JSON.stringify(data, null, 2) : text());

  const program = new Command('orpaille')
    .description('Chain of custody, due diligence and certification for responsible artisanal gold (GS1 EPCIS 2.0)')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .showHelpAfterError();

  const json = () => new Option('--json', 'print JSON');

  program
    .command('demo')
    .description('seed the demo (Ituri ASMO, trading house, exporter, refiner, jeweller; Peru; Ghana) into the configured database')
    .option('--seed <n>', 'seed of the deterministic generator', '1')
    .addOption(json())
    .action(async (o: { seed: string; json?: boolean }) => {
      const seed = Number(o.seed);
      if (!Number.isInteger(seed)) throw new OrpailleError('ORP_BAD_INPUT', `--seed must be an integer, got "${o.seed}"`);
      const bar = progress(io, 'demo events', Boolean(o.json));
      const counts = await seedDemo(await open(), { seed, onProgress: bar.update });
      bar.stop();
      print(Boolean(o.json), counts, () => `demo ready: ${counts.organisations} organisations, ${counts.miners} miners, ${counts.sites} sites, ${counts.events} events`);
    });

  program
    .command('serve')
    .description('serve the HTTP API (seeds the demo into an empty database unless --no-demo)')
    .option('--port <n>', 'port (default $PORT or 8080)')
    .option('--host <host>', 'interface to listen on', '0.0.0.0')
    .option('--no-demo', 'do not seed the demo into an empty database')
    .option('--capture-limit <n>', 'most events in one captured document (GS1-EPCIS-Capture-Limit)')
    .option('--capture-file-size-limit <bytes>', 'most bytes in one capture request (GS1-EPCIS-Capture-File-Size-Limit)')
    .option('--rate-limit <n>', 'most requests a minute per token or address (default $ORPAILLE_RATE_LIMIT or 600; 0 turns the limit off)')
    .action(async (o: { port?: string; host: string; demo: boolean; captureLimit?: string; captureFileSizeLimit?: string; rateLimit?: string }) => {
      const port = Number(o.port ?? process.env['PORT'] ?? 8080);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new OrpailleError('ORP_BAD_INPUT', `invalid port "${o.port}"`);
      const perMinute = Number(o.rateLimit ?? process.env['ORPAILLE_RATE_LIMIT'] ?? 600);
      if (!Number.isInteger(perMinute) || perMinute < 0) throw new OrpailleError('ORP_BAD_INPUT', `invalid rate limit "${o.rateLimit ?? process.env['ORPAILLE_RATE_LIMIT']}": a whole number of requests a minute, 0 for none`);
      config = { ...config, capture: captureLimitOptions(o) };
      const orpaille = await open();
      const seeding = o.demo && (await orpaille.registry.counts()).organisations === 0;
      if (seeding) {
        io.err('empty database: seeding the demo (once)...');
        const bar = progress(io, 'demo events', false);
        const c = await seedDemo(orpaille, { onProgress: bar.update });
        bar.stop();
        io.err(`demo ready: ${c.organisations} organisations, ${c.miners} miners, ${c.sites} sites, ${c.events} events`);
      }
      const { url } = await serve(orpaille, {
        port,
        host: o.host,
        cookieSecure: process.env['ORPAILLE_COOKIE_SECURE'] !== 'false',
        rateLimit: perMinute === 0 ? false : { max: perMinute, windowMs: 60_000 },
      });
      const counts = await orpaille.registry.counts();
      const login = await firstStartAccounts(orpaille, url, seeding);
      const consumerCode = await demoDisclosureCode(orpaille);
      io.out(
        [
          `Orpaille is listening on ${url}`,
          `  web app:  ${url}/  (log in with an account below)`,
          `  database: ${orpaille.db.dialect} ${orpaille.db.location} (${counts.events} events, ${counts.lots} lots)`,
          `  health:   ${url}/health`,
          `  lots:     ${url}/lots`,
          `  trace:    ${url}/lots/{id}/trace?direction=backward`,
          `  API docs: ${url}/docs`,
          ...(consumerCode ? [`  consumer: ${url}/verify/${consumerCode}  (the demo ring's story, as its QR code opens it)`] : []),
          ...login,
        ].join('\n'),
      );
      orp = undefined; // the server owns the connection now
      await new Promise<void>(() => {});
    });

  const org = program.command('org').description('organisations');
  org
    .command('list')
    .description('list organisations with their roles')
    .addOption(json())
    .action(async (o: { json?: boolean }) => {
      const orgs = await (await open()).registry.organisations();
      print(Boolean(o.json), orgs, () => table(orgs.map((x) => ({ ...x, roles: x.roles.join(',') })), ['id', 'name', 'roles', 'country', 'uri']));
    });

  const site = program.command('site').description('mine sites');
  site
    .command('list')
    .description('list mine sites')
    .option('--org <id>', 'only this organisation')
    .addOption(json())
    .action(async (o: { org?: string; json?: boolean }) => {
      const orpaille = await open();
      const orgId = o.org ? (await requireOrg(orpaille, o.org)).id : undefined;
      const sites = await orpaille.registry.sites(orgId);
      print(Boolean(o.json), sites, () =>
        table(sites.map((s) => ({ ...s, capacity: `${s.capacityGramsPerMonth} g/month` })), ['id', 'name', 'organisation', 'country', 'icglrId', 'licenceType', 'capacity']),
      );
    });

  const lot = program.command('lot').description('lots');
  lot
    .command('list')
    .description('list lots (held or owned by --org)')
    .option('--org <id>', 'lots this organisation holds or owns')
    .option('--form <form>', 'ore, concentrate, sponge, dore, bar, grain or product')
    .option('--status <status>', 'active, in_transit, used, consumed or exported')
    .option('--limit <n>', 'at most this many', '100')
    .option('--offset <n>', 'skip this many', '0')
    .addOption(json())
    .action(async (o: { org?: string; form?: string; status?: string; limit: string; offset: string; json?: boolean }) => {
      const orpaille = await open();
      const party = o.org ? (await requireOrg(orpaille, o.org)).uri : undefined;
      const lots = (
        await orpaille.queries.lots({
          ...(party ? { party } : {}),
          ...(o.form ? { form: o.form } : {}),
          ...(o.status ? { status: o.status } : {}),
          limit: intOption(o.limit, 'limit'),
          offset: intOption(o.offset, 'offset'),
        })
      ).map(lotView);
      print(Boolean(o.json), lots, () => table(lots as unknown as Record<string, unknown>[], ['lotNumber', 'form', 'heldGrams', 'fineness', 'fineGoldGrams', 'status', 'cocModel']));
    });
  lot
    .command('show <id>')
    .description('a lot (by number or URI) with its events')
    .addOption(json())
    .action(async (id: string, o: { json?: boolean }) => {
      const shown = await showLot(await open(), id);
      print(Boolean(o.json), shown, () =>
        [
          table(Object.entries(shown.lot).map(([field, value]) => ({ field, value })), ['field', 'value']),
          ...shown.flags.map((f) => `FLAGGED: ${f.organisation} ${f.decision === 'suspend' ? 'suspended' : 'disengaged from'} supplier ${f.supplier} on ${f.decidedAt} (${f.decidedBy}: ${f.reason})`),
          '',
          table(shown.events as unknown as Record<string, unknown>[], ['seq', 'eventTime', 'type', 'bizStep', 'eventId']),
        ].join('\n'),
      );
    });

  program
    .command('trace <id>')
    .description('backward to mine sites with their shares, or forward to everything it went into')
    .option('--backward', 'to the mine sites (default)')
    .option('--forward', 'to everything the lot or site went into')
    .addOption(json())
    .action(async (id: string, o: { backward?: boolean; forward?: boolean; json?: boolean }) => {
      if (o.backward && o.forward) throw new OrpailleError('ORP_BAD_INPUT', 'choose one of --backward and --forward');
      const t = await trace(await open(), id, o.forward ? 'forward' : 'backward');
      print(Boolean(o.json), t, () =>
        'origins' in t
          ? `${t.lot}\nfine gold ${t.fineGoldGrams} g from:\n` +
            table(t.origins as unknown as Record<string, unknown>[], ['sharePercent', 'fineGoldGrams', 'siteName', 'site']) +
            (t.unknownSharePercent > 0 ? `\nunknown origin: ${t.unknownSharePercent} %` : '')
          : `${t.from} went into ${t.descendants.length - 1} lots:\n` + table(t.descendants, ['depth', 'lot']),
      );
    });

  program
    .command('verify')
    .description('recompute every hash, link and signature of the ledger (exit 1 on the first bad record)')
    .addOption(json())
    .action(async (o: { json?: boolean }) => {
      const bar = progress(io, 'verify', Boolean(o.json));
      const r = await (await open()).verify((n) => bar.update(n, n));
      bar.stop();
      if (!r.ok) exitCode = 1;
      print(Boolean(o.json), r, () =>
        r.ok ? `ledger intact: ${r.records} records, head ${r.head}` : `LEDGER BROKEN at record ${r.failure!.seq} (${r.failure!.eventId}): ${r.failure!.problem}`,
      );
    });

  program
    .command('import <file>')
    .description('import a purchase logbook CSV (docs/logbook-import.md); nothing is written if a row is rejected, unless --partial')
    .option('--partial', 'write the valid rows and list the rejected ones')
    .option('--buyer <org>', 'the buying organisation (default: the only trading house)')
    .addOption(json())
    .action(async (file: string, o: { partial?: boolean; buyer?: string; json?: boolean }) => {
      const bar = progress(io, 'import', Boolean(o.json));
      const r = await importLogbook(await open(), file, { partial: Boolean(o.partial), ...(o.buyer ? { buyer: o.buyer } : {}), onProgress: bar.update });
      bar.stop();
      if (r.problems.length > 0) exitCode = 1;
      print(Boolean(o.json), r, () =>
        [
          `${r.file}: ${r.rows} rows, ${r.written} written (${r.events} events)`,
          ...r.problems.map((p) => `  line ${p.line}: ${p.code ? p.code + ': ' : ''}${p.message}`),
          r.problems.length > 0 && r.written === 0 ? 'nothing was written (use --partial to write the valid rows)' : '',
        ]
          .filter(Boolean)
          .join('\n'),
      );
    });

  program
    .command('export')
    .description('write the events as an EPCIS 2.0 JSON-LD document on stdout')
    .option('--from <date>', 'event time from (inclusive), YYYY-MM-DD or ISO 8601')
    .option('--to <date>', 'event time to (exclusive)')
    .option('--json', 'accepted for symmetry: the output is always JSON-LD')
    .action(async (o: { from?: string; to?: string }) => {
      const chunks: string[] = [];
      await exportDocument(await open(), (c) => chunks.push(c), o);
      io.out(chunks.join(''));
    });

  registerAccessCommands(program, { open, print, json });
  registerPriceCommands(program, { open, print, json, fail: () => (exitCode = 1) });
  registerCertificationCommands(program, site, {
    open,
    print,
    json,
    fail: () => {
      exitCode = 1;
    },
  });
  registerClaimCommands(program, { open, print, json, exit: (code) => (exitCode = code) });
  // One `diligence` command shared by the red-flag, assessment and gating subcommands.
  const diligence = program.command('diligence').description('due diligence: risks, assessments, red flags and decisions (docs/diligence.md)');
  registerAssessmentCommands(diligence, { open, print, json });
  registerKycCommands(diligence, { open, print, json });
  registerCraftCommands(diligence, { open, print, json });
  registerGatingCommands(diligence, { open, print, json });
  registerPlanCommands(diligence, { open, print, json });
  registerStepCommands(diligence, { open, print, json });
  registerPremiumCommands(program, { open, print, json });
  registerContractCommands(program, { open, print, json });
  registerRedFlagCommands(program, diligence, { open, print, json });
  registerTagCommands(program, { open, print, json, fail: () => (exitCode = 1) });
  registerCmrtCommands(program, { open, print, json });
  registerRuleCommands(program, { open, print, json });
  registerEvidenceCommands(program, { open, print, json });
  // One `report` command; each report kind registers itself in its own file (src/cli/report-<kind>.ts).
  const report = program.command('report').description('reports from the ledger, stamped with the ledger head they were computed from (docs/reports.md)');
  registerCmrtReport(report, { open, print, json });
  registerStatementReport(report, { open, print, json });
  registerIcglrReport(report, { open, print, json });
  registerProgrammeReport(report, { open, print, json });
  registerRmapReport(report, { open, print, json });
  registerStep5Report(report, { open, print, json });

  const epcis = program.command('epcis').description('EPCIS tools');
  epcis
    .command('hash <file>')
    .description('print the CBV 2.0 event hash of every event of an EPCIS document (JSON-LD or XML), in document order')
    .addOption(json())
    .action((file: string, o: { json?: boolean }) => {
      const hashes = hashFile(file);
      print(Boolean(o.json), hashes, () => hashes.join('\n'));
    });
  epcis
    .command('validate <file>')
    .description('check an EPCIS 2.0 document or event (JSON-LD or XML): exit 0 when valid, 1 with one line per problem')
    .addOption(json())
    .action((file: string, o: { json?: boolean }) => {
      const r = validateFile(file);
      if (!r.valid) exitCode = 1;
      print(Boolean(o.json), r, () => (r.valid ? `valid: ${r.events} events` : r.problems.map((p) => p.message).join('\n')));
    });

  epcis
    .command('capture <file>')
    .description('capture an EPCIS 2.0 document (JSON-LD or XML) into the ledger; nothing is written if an event is rejected, unless --proceed')
    .option('--proceed', 'keep the valid events and list the rejected ones (GS1-Capture-Error-Behaviour: proceed)')
    .option('--org <id>', 'the recording organisation (default: the only one)')
    .addOption(json())
    .action(async (file: string, o: { proceed?: boolean; org?: string; json?: boolean }) => {
      const bar = progress(io, 'capture', Boolean(o.json));
      const r = await captureFile(await open(), file, { proceed: Boolean(o.proceed), ...(o.org ? { org: o.org } : {}), onProgress: bar.update });
      bar.stop();
      if (r.rejected > 0) exitCode = 1;
      print(Boolean(o.json), r, () => captureText(r));
    });

  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      exitCode = err.exitCode === 0 ? 0 : 2;
    } else if (isOrpailleError(err)) {
      io.err(`${err.code}: ${err.message}`);
      exitCode = err.status >= 500 ? 1 : 2;
    } else {
      io.err(`error: ${err instanceof Error ? err.message : String(err)}`);
      exitCode = 1;
    }
  } finally {
    await orp?.close();
  }
  return exitCode;
}

function captureText(r: Awaited<ReturnType<typeof captureFile>>): string {
  return [
    `${r.file}: ${r.eventCount} events, ${r.accepted} accepted, ${r.duplicates} duplicates, ${r.rejected} rejected, ${r.rolledBack} rolled back`,
    ...r.problems.map((p) => `  ${p.code ? p.code + ': ' : ''}${p.detail}`),
    r.rejected > 0 && !r.committed ? 'nothing was written (use --proceed to keep the valid events)' : '',
  ]
    .filter(Boolean)
    .join('\n');
}

function intOption(v: string, name: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new OrpailleError('ORP_BAD_INPUT', `--${name} must be a non-negative integer, got "${v}"`);
  return n;
}
