/**
 * The JSON API client: same-origin fetch with the session cookie, the CSRF header on writes, and every error
 * answer (`{code, message, details}`) turned into an `ApiError` the pages show with `errorText`.
 */

/** The header the server wants on cookie-authenticated POST, PUT, PATCH and DELETE (src/http/auth.ts). */
export const CSRF_HEADER = 'x-orpaille-csrf';

let csrfToken: string | undefined;

/** Remembers the CSRF token returned by login or /auth/me (in memory only: a reload asks /auth/me again). */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** An error answer of the API, or `ORP_NETWORK` when the server could not be reached. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Query = Record<string, string | number | boolean | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Read the answer as a Blob (downloads) instead of JSON. */
  blob?: boolean;
}

/** A file the API answered: its bytes, the name the server gave it and the ledger head it was computed from. */
export interface Download {
  blob: Blob;
  filename: string;
  /** X-Ledger-Seq / X-Ledger-Head, when the report repeats them. */
  ledger?: { seq: number; head: string };
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The path with its query string; undefined parameters are left out. */
export function withQuery(path: string, query: Query = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** Calls the API; resolves with the parsed JSON (or undefined for 204), rejects with an ApiError. */
export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(method, path, opts, headersOf(method, opts, opts.blob ? '*/*' : 'application/json'));
  if (res.status === 204) return undefined as T;
  return (opts.blob ? await res.blob() : await res.json()) as T;
}

/** Request headers: what the caller accepts, JSON content type when there is a body, the CSRF token on writes. */
function headersOf(method: string, opts: { body?: unknown }, accept: string): Record<string, string> {
  const headers: Record<string, string> = { accept };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (UNSAFE.has(method) && csrfToken) headers[CSRF_HEADER] = csrfToken;
  return headers;
}

/** Fetches with the session cookie; rejects with an ApiError on a network failure or an error answer. */
async function send(method: string, path: string, opts: RequestOptions, headers: Record<string, string>): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
    });
  } catch (err) {
    throw new ApiError(0, 'ORP_NETWORK', err instanceof Error ? err.message : String(err));
  }
  if (!res.ok) throw await errorOf(res);
  return res;
}

/** The file name of a Content-Disposition header (`filename*=UTF-8''...` first, then `filename="..."`). */
export function dispositionFilename(header: string | null): string | undefined {
  if (!header) return undefined;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1]!.trim());
    } catch {
      // Badly encoded: fall back to the plain parameter.
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/i.exec(header);
  const name = (plain?.[1] ?? plain?.[2])?.trim();
  return name || undefined;
}

/**
 * Asks the API for a file (a report): GET with `query`, or POST with `body` (then with the CSRF header).
 * Resolves with the bytes, the server's file name (else `fallbackName`) and the ledger head headers.
 */
export async function fetchFile(method: 'GET' | 'POST', path: string, opts: { query?: Query; body?: unknown; fallbackName: string }): Promise<Download> {
  const res = await send(method, path, opts, headersOf(method, opts, '*/*'));
  const seq = res.headers.get('x-ledger-seq');
  const head = res.headers.get('x-ledger-head');
  return {
    blob: await res.blob(),
    filename: dispositionFilename(res.headers.get('content-disposition')) ?? opts.fallbackName,
    ...(seq && head ? { ledger: { seq: Number(seq), head } } : {}),
  };
}

/** Hands a downloaded file to the browser to save under its name (a temporary object URL and a download link). */
export function saveFile(download: Download): void {
  const url = URL.createObjectURL(download.blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = download.filename;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

async function errorOf(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as { code?: unknown; message?: unknown; details?: unknown };
    if (typeof body.code === 'string') {
      return new ApiError(res.status, body.code, typeof body.message === 'string' ? body.message : res.statusText, (body.details ?? {}) as Record<string, unknown>);
    }
  } catch {
    // Not JSON: fall through.
  }
  return new ApiError(res.status, 'ORP_HTTP_' + res.status, res.statusText || `HTTP ${res.status}`);
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, query ? { query } : {}),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body === undefined ? {} : { body }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
