import Fastify, { type FastifyInstance } from 'fastify';
import type { Orpaille } from '../orpaille.js';
import { auth } from './auth.js';
import { capture } from './capture.js';
import { claims } from './claims.js';
import { incidents } from './incidents.js';
import { redFlagRoutes } from './redflags.js';
import { certification } from './certification.js';
import { gating } from './gating.js';
import { assessments } from './assessments.js';
import { httpSettings, type AppContext, type HttpOptions, type OrpaillePlugin } from './context.js';
import { admin } from './admin.js';
import { disclosures } from './disclosures.js';
import { verifyPage } from './verify-page.js';
import { docs } from './docs.js';
import { events } from './events.js';
import { hardening } from './hardening.js';
import { health } from './health.js';
import { ledger } from './ledger.js';
import { lots } from './lots.js';
import { prices } from './prices.js';
import { contractRoutes } from './contracts.js';
import { orgSettingsRoutes, premiumRoutes } from './premiums.js';
import { session } from './session.js';
import { subscriptions } from './subscriptions.js';
import { tagRoutes } from './tags.js';
import { cmrtReportRoutes } from './report-cmrt.js';
import { ruleRoutes } from './rules.js';
import { evidenceRoutes } from './evidence.js';
import { statementReport } from './report-statement.js';
import { programmeReportRoute } from './report-programme.js';
import { rmapReportRoute } from './report-rmap.js';
import { step5ReportRoute } from './report-step5.js';
import { webApp } from './web.js';
import { icglrReportRoute } from './report-icglr.js';
import { dashboardRoutes } from './dashboard.js';

/**
 * The route plugins, in order. Hardening, auth and docs come first: they wrap or document every route
 * registered after them. Add a plugin with one line.
 */
const plugins: OrpaillePlugin[] = [
  hardening,
  auth,
  docs,
  health,
  session,
  lots,
  claims,
  ledger,
  admin,
  disclosures,
  verifyPage,
  capture,
  events,
  subscriptions,
  prices,
  certification,
  gating,
  assessments,
  orgSettingsRoutes,
  premiumRoutes,
  contractRoutes,
  incidents,
  tagRoutes,
  cmrtReportRoutes,
  ruleRoutes,
  evidenceRoutes,
  statementReport,
  programmeReportRoute,
  rmapReportRoute,
  step5ReportRoute,
  icglrReportRoute,
  redFlagRoutes,
  dashboardRoutes,
  webApp,
];

/**
 * Builds the HTTP app. Every route needs credentials unless it says `config: { public: true }`.
 * Tests call `app.inject()`; `serve` listens.
 */
export async function buildApp(orp: Orpaille, opts: HttpOptions = {}): Promise<FastifyInstance> {
  const settings = httpSettings(opts);
  // Unknown query parameters are an error, not silently dropped (EPCIS query semantics).
  const app = Fastify({ logger: settings.logger, bodyLimit: settings.bodyLimit, ajv: { customOptions: { removeAdditional: false } } });
  if (opts.onRoute) app.addHook('onRoute', opts.onRoute);
  const ctx: AppContext = { orp, settings };
  for (const plugin of plugins) await app.register(plugin, ctx);
  return app;
}

/** Starts listening; returns the base URL. */
export async function serve(orp: Orpaille, opts: HttpOptions & { port: number; host: string }): Promise<{ app: FastifyInstance; url: string }> {
  const app = await buildApp(orp, opts);
  app.addHook('onClose', () => orp.subscriptions.worker.stop());
  await app.listen({ port: opts.port, host: opts.host });
  orp.subscriptions.worker.start();
  const addr = app.server.address();
  const port = typeof addr === 'object' && addr ? addr.port : opts.port;
  return { app, url: `http://localhost:${port}` };
}
