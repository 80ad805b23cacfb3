/** An unsigned JWT with the given claims: the dashboard reads claims and never checks signatures. */
export function makeJwt(claims: Record<string, unknown>): string {
  const b64 = (o: unknown) =>
    btoa(JSON.stringify(o)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(claims)}.c2lnbmF0dXJl`;
}

/** A fetch double that answers from a list of handlers and records every call. */
export interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

export function fakeFetch(
  handler: (call: Call) => { status?: number; body?: unknown; contentType?: string } | Error,
) {
  const calls: Call[] = [];
  const fn = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const call: Call = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers: { ...(init?.headers as Record<string, string>) },
      body: init?.body as string | undefined,
    };
    calls.push(call);
    const r = handler(call);
    if (r instanceof Error) throw r;
    const status = r.status ?? 200;
    const text = r.body === undefined ? '' : typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
    return new Response(status === 204 ? null : text, {
      status,
      headers: { 'Content-Type': r.contentType ?? 'application/json' },
    });
  };
  return { fetch: fn as typeof fetch, calls };
}

export const memoryStore = () => {
  let saved: { token: string; refresh_token: string } | null = null;
  return {
    load: () => saved,
    save: (t: typeof saved) => {
      saved = t;
    },
    get: () => saved,
  };
};
