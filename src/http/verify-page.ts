import type { FastifyReply } from 'fastify';
import { publicVerification } from '../accounts/index.js';
import { isOrpailleError } from '../kernel/index.js';
import type { OrpaillePlugin } from './context.js';
import { esc, notFoundPage, storyPage, VERIFY_CSS, type DisclosedFacts } from './verify-html.js';
import { PAGE_LANGS, pickLanguage } from './verify-i18n.js';
import { qrSvg } from './verify-qr.js';

// Stricter than the app's policy: the page has no script, no frame, no form, and loads only its own style sheet.
const PAGE_CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const html = { type: 'string', description: 'an HTML page' } as const;

function sendHtml(reply: FastifyReply, status: number, lang: string, body: string) {
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('content-security-policy', PAGE_CSP)
    .header('content-language', lang)
    .header('vary', 'Accept-Language')
    // A withdrawn disclosure must disappear: caches revalidate every time.
    .header('cache-control', 'no-cache')
    .send(body);
}

/**
 * The consumer verification page: GET /verify/{code} tells the story of the gold from the facts its owner
 * disclosed (the same facts as GET /v/{code}, nothing more), in English, French, Spanish or Swahili, with
 * the QR code of the page. Server-rendered HTML with one small style sheet and no script, so that it is
 * light on a phone.
 */
export const verifyPage: OrpaillePlugin = async (app, { orp }) => {
  app.get<{ Params: { code: string }; Querystring: { lang?: string } }>(
    '/verify/:code',
    {
      config: { public: true },
      schema: {
        summary: 'Consumer verification page (HTML): the story of a lot from its disclosed facts, with its QR code',
        security: [],
        params: { type: 'object', required: ['code'], properties: { code: { type: 'string', maxLength: 64 } } },
        querystring: { type: 'object', properties: { lang: { type: 'string', maxLength: 16, description: `${PAGE_LANGS.join(', ')}; else from Accept-Language` } } },
        response: {
          200: { description: 'the story page', content: { 'text/html': { schema: html } } },
          404: { description: 'unknown or withdrawn code: a page saying so, without data', content: { 'text/html': { schema: html } } },
        },
      },
    },
    async (req, reply) => {
      const lang = pickLanguage(req.query.lang, req.headers['accept-language']);
      try {
        const v = await publicVerification(orp, req.params.code);
        const url = `${req.protocol}://${req.host}/verify/${encodeURIComponent(v.code)}`;
        const page = storyPage(lang, { code: v.code, disclosedAt: v.disclosedAt, facts: v.facts as DisclosedFacts, qrSvg: await qrSvg(url, esc(url)) });
        return sendHtml(reply, 200, lang, page);
      } catch (err) {
        if (isOrpailleError(err) && err.code === 'ORP_NOT_FOUND') return sendHtml(reply, 404, lang, notFoundPage(lang));
        throw err;
      }
    },
  );

  app.get(
    '/verify.css',
    {
      config: { public: true },
      schema: { summary: 'Style sheet of the consumer verification page', security: [], response: { 200: { description: 'CSS', content: { 'text/css': { schema: { type: 'string' } } } } } },
    },
    async (_req, reply) => reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=86400').send(VERIFY_CSS),
  );
};
