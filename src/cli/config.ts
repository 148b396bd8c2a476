import type { OrpailleConfig } from '../orpaille.js';

/** Database settings from the environment: DATABASE_URL (PostgreSQL) or ORPAILLE_DB (SQLite file, default ./data/orpaille.db). */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): OrpailleConfig {
  const url = env['DATABASE_URL'];
  if (url && /^postgres(ql)?:\/\//.test(url)) return { databaseUrl: url };
  return { sqlitePath: env['ORPAILLE_DB'] || './data/orpaille.db' };
}
