export { buildApp, serve } from './app.js';
export { requireRole, requireOrgRole, type Principal, type UserRole } from './auth.js';
export { appWide, type AppContext, type HttpOptions, type OrpaillePlugin } from './context.js';
