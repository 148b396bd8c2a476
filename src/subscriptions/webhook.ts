import type { Timers } from './types.js';

/** How a subscriber answered one POST. */
export type PostOutcome = { ok: true; status: number } | { ok: false; status?: number; error: string };

export interface PostRequest {
  dest: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
  timers: Timers;
}

/**
 * POSTs a document to a webhook. Only a 2xx answer acknowledges it; any other status, a redirect (not
 * followed: a subscriber moves by changing its subscription), a refused connection or no answer within
 * the timeout (measured with the injected timers) is a failure.
 */
export async function postDocument(r: PostRequest): Promise<PostOutcome> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = r.timers.setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, r.timeoutMs);
  try {
    const res = await fetch(r.dest, { method: 'POST', body: r.body, headers: r.headers, redirect: 'manual', signal: controller.signal });
    // Read the answer so the connection is released; its content does not matter.
    await res.arrayBuffer().catch(() => undefined);
    if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status };
    return { ok: false, status: res.status, error: `HTTP ${res.status}` };
  } catch (err) {
    if (timedOut) return { ok: false, error: `no answer within ${r.timeoutMs} ms` };
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    return { ok: false, error: cause?.code ?? cause?.message ?? (err as Error).message };
  } finally {
    r.timers.clearTimeout(timer);
  }
}
