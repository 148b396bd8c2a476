import type { FastifyInstance } from 'fastify';

/** JSON-LD request headers for a caller. */
export function jsonLd(auth: { authorization: string }, extra: Record<string, string> = {}) {
  return { ...auth, 'content-type': 'application/ld+json', ...extra };
}

/** POSTs a document to /capture and returns the job's URL (from the Location header). */
export async function postCapture(app: FastifyInstance, auth: { authorization: string }, body: string, extra: Record<string, string> = {}): Promise<string> {
  const r = await app.inject({ method: 'POST', url: '/capture', headers: jsonLd(auth, extra), payload: body });
  if (r.statusCode !== 202) throw new Error(`expected 202, got ${r.statusCode}: ${r.body}`);
  return r.headers.location as string;
}

/** Reads a job until it has finished (the job runs in-process after the 202). */
export async function finishedJob(app: FastifyInstance, auth: { authorization: string }, location: string, query = '') {
  for (let i = 0; i < 2000; i++) {
    const r = await app.inject({ method: 'GET', url: location + query, headers: auth });
    if (r.statusCode !== 200) throw new Error(`GET ${location}: ${r.statusCode} ${r.body}`);
    const job = r.json();
    if (!job.running) return job;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`job ${location} still running`);
}
