import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyError, FastifyRequest } from 'fastify';
import { isOrpailleError, OrpailleError } from '../kernel/index.js';
import { appWide, type OrpaillePlugin } from './context.js';

/** The rate-limit bucket of a request: its token or user once authenticated, else its IP. */
function rateKey(req: FastifyRequest): string {
  const p = req.principal;
  return p ? `${p.kind}:${p.id}` : `ip:${req.ip}`;
}

/**
 * Security headers, per-caller rate limits and one error shape. Errors are always JSON
 * `{code, message, details}`; a 500 says only "internal error" (the cause goes to the log), never a stack.
 */
export const hardening: OrpaillePlugin = appWide(async (app, { settings }) => {
  await app.register(helmet, {
    contentSecurityPolicy: {
      // Swagger UI at /docs loads only its own scripts and styles; its validator badge is turned off. No
      // upgrade-insecure-requests: it would send /docs' assets to https://localhost on a plain-HTTP demo.
      directives: { 'img-src': ["'self'", 'data:'], 'upgrade-insecure-requests': null },
    },
    // HSTS only makes sense when the API is served over TLS.
    hsts: settings.cookieSecure,
  });
  if (settings.rateLimit) {
    const { max, windowMs } = settings.rateLimit;
    await app.register(rateLimit, {
      max,
      timeWindow: windowMs,
      // Runs after authentication has resolved the caller (onRequest hooks of the app run before the route's).
      keyGenerator: rateKey,
      errorResponseBuilder: (_req, ctx) =>
        new OrpailleError('ORP_RATE_LIMITED', `too many requests: at most ${ctx.max} per ${windowMs / 1000} s; retry in ${ctx.after}`, { max: ctx.max, retryAfter: ctx.after }),
    });
  }

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (isOrpailleError(err)) return reply.status(err.status).send(err.toJSON());
    if (err.validation) return reply.status(400).send({ code: 'ORP_BAD_INPUT', message: err.message, details: {} });
    const status = err.statusCode ?? 500;
    if (status === 413) return reply.status(413).send({ code: 'ORP_PAYLOAD_TOO_LARGE', message: `request body larger than ${settings.bodyLimit} bytes`, details: { limit: settings.bodyLimit } });
    if (status >= 400 && status < 500) return reply.status(status).send({ code: 'ORP_BAD_INPUT', message: err.message, details: {} });
    req.log.error(err);
    return reply.status(500).send({ code: 'ORP_INTERNAL', message: 'internal error', details: {} });
  });
  app.setNotFoundHandler((req, reply) => reply.status(404).send({ code: 'ORP_NOT_FOUND', message: `no route ${req.method} ${req.url.split('?')[0]}`, details: {} }));
});
