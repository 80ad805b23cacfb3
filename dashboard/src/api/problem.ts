import type { Violation } from './types';

/**
 * A failed API call, read from an RFC 9457 problem+json body when there is one. `status` is 0
 * when the root could not be reached at all.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly type?: string;
  readonly violations: Violation[];

  constructor(init: {
    status: number;
    title: string;
    detail?: string;
    type?: string;
    violations?: Violation[];
  }) {
    super(init.detail ? `${init.title}: ${init.detail}` : init.title);
    this.name = 'ApiError';
    this.status = init.status;
    this.title = init.title;
    this.detail = init.detail ?? '';
    this.type = init.type;
    this.violations = init.violations ?? [];
  }
}

const STATUS_TITLES: Record<number, string> = {
  400: 'The request was not understood',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict',
  422: 'The input is not valid',
  429: 'Too many attempts',
  500: 'The root orchestrator failed',
  501: 'Not supported by this server',
  502: 'The root orchestrator is not reachable',
  503: 'The root orchestrator is not available',
};

type Json = Record<string, unknown>;

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/**
 * Reads one violation from the shapes servers commonly use: Canopy's `{path, reason}`, and
 * `{field|pointer|name, message|detail}` as written by other validators.
 */
function toViolation(v: unknown): Violation | null {
  if (typeof v === 'string') return { path: '', reason: v };
  if (v == null || typeof v !== 'object') return null;
  const o = v as Json;
  const path = str(o.path) ?? str(o.field) ?? str(o.pointer) ?? str(o.name) ?? '';
  const reason = str(o.reason) ?? str(o.message) ?? str(o.detail) ?? str(o.title) ?? '';
  return path || reason ? { path, reason } : null;
}

/** Builds the error for a non-2xx response from its body (problem+json, other JSON, or text). */
export function problemFrom(status: number, statusText: string, body: string): ApiError {
  let json: Json | null = null;
  try {
    const parsed: unknown = body ? JSON.parse(body) : null;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) json = parsed as Json;
  } catch {
    json = null;
  }
  const fallbackTitle = STATUS_TITLES[status] ?? (statusText || `HTTP ${status}`);
  if (!json) {
    const text = body.trim();
    // An HTML error page tells a person nothing useful; keep short plain text only.
    const detail = text && !text.startsWith('<') && text.length < 500 ? text : '';
    return new ApiError({ status, title: fallbackTitle, detail });
  }
  const list = Array.isArray(json.violations)
    ? json.violations
    : Array.isArray(json.errors)
      ? json.errors
      : [];
  const violations = list.map(toViolation).filter((v): v is Violation => v !== null);
  return new ApiError({
    status,
    title: str(json.title) ?? fallbackTitle,
    detail: str(json.detail) ?? str(json.message) ?? str(json.error) ?? '',
    type: str(json.type),
    violations,
  });
}

/**
 * Splits a violation path into segments: `$.applications[0].port`, `applications[0].port`,
 * `/applications/0/port` and `#/applications/0/port` all give `['applications', 0, 'port']`.
 */
export function pathSegments(path: string): (string | number)[] {
  let p = path.trim();
  if (p.startsWith('#')) p = p.slice(1);
  if (p.startsWith('/')) {
    return p
      .split('/')
      .slice(1)
      .filter((s) => s.length > 0)
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  }
  if (p.startsWith('$')) p = p.slice(1);
  const out: (string | number)[] = [];
  const re = /\[(\d+)\]|\[['"]([^'"]+)['"]\]|\.?([^.[\]]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(p)) !== null) {
    if (m[1] !== undefined) out.push(Number(m[1]));
    else if (m[2] !== undefined) out.push(m[2]);
    else if (m[3] !== undefined) out.push(/^\d+$/.test(m[3]) ? Number(m[3]) : m[3]);
  }
  return out;
}

/** A path written the one way the dashboard shows it: `applications[0].microservices[1].port`. */
export function displayPath(path: string): string {
  const segs = pathSegments(path);
  if (segs.length === 0) return '(whole document)';
  return segs
    .map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`))
    .join('');
}
