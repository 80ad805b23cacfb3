import { decodeClaims } from './jwt';
import { ApiError, problemFrom } from './problem';
import type { Claims, Tokens } from './types';

/** Where the tokens survive a page reload: sessionStorage, so closing the tab signs out. */
export interface TokenStore {
  load(): Tokens | null;
  save(tokens: Tokens | null): void;
}

export const sessionTokenStore: TokenStore = {
  load() {
    try {
      const raw = sessionStorage.getItem('canopy.tokens');
      return raw ? (JSON.parse(raw) as Tokens) : null;
    } catch {
      return null;
    }
  },
  save(tokens) {
    if (tokens) sessionStorage.setItem('canopy.tokens', JSON.stringify(tokens));
    else sessionStorage.removeItem('canopy.tokens');
  },
};

export interface Session {
  tokens: Tokens;
  claims: Claims;
}

export interface ClientOptions {
  baseUrl?: string;
  fetch?: typeof fetch;
  store?: TokenStore;
  /** Milliseconds since the epoch; tests move time. */
  now?: () => number;
  /** Refresh this long before the access token expires. */
  refreshLeadMs?: number;
}

const MAX_TIMER_MS = 2_147_483_647;

type Listener = (session: Session | null, why: 'login' | 'refresh' | 'logout' | 'expired') => void;

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  /** Send without the access token (login). */
  anonymous?: boolean;
}

/**
 * The one HTTP client of the dashboard. It adds the bearer token, refreshes it shortly before it
 * expires (and once more on a 401), and ends the session when the refresh fails, so every page
 * can just call and render. All errors arrive as {@link ApiError}.
 */
export class ApiClient {
  private readonly baseUrl: string;
  private readonly fetchFn: typeof fetch;
  private readonly store: TokenStore;
  private readonly now: () => number;
  private readonly leadMs: number;
  private session: Session | null = null;
  private refreshing: Promise<boolean> | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Set<Listener>();

  constructor(options: ClientOptions = {}) {
    this.baseUrl = (options.baseUrl ?? '').replace(/\/$/, '');
    this.fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.store = options.store ?? sessionTokenStore;
    this.now = options.now ?? (() => Date.now());
    this.leadMs = options.refreshLeadMs ?? 60_000;
    const saved = this.store.load();
    if (saved) this.adopt(saved, null);
  }

  current(): Session | null {
    return this.session;
  }

  onSession(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async login(username: string, password: string, organization?: string): Promise<Session> {
    const body: Record<string, string> = { username, password };
    if (organization && organization.trim()) body.organization_name = organization.trim();
    const tokens = await this.send<Tokens>('POST', '/api/auth/login', { body, anonymous: true });
    if (!tokens || typeof tokens.token !== 'string' || !decodeClaims(tokens.token)) {
      throw new ApiError({ status: 502, title: 'The login answer holds no usable token' });
    }
    this.adopt(tokens, 'login');
    return this.session!;
  }

  logout(): void {
    this.end('logout');
  }

  /**
   * Exchanges the refresh token for a new access token. Concurrent callers share one request.
   * Resolves false (and ends the session) when the server refuses.
   */
  refresh(): Promise<boolean> {
    if (!this.session) return Promise.resolve(false);
    if (!this.refreshing) {
      const refreshToken = this.session.tokens.refresh_token;
      this.refreshing = this.doRefresh(refreshToken).finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  private async doRefresh(refreshToken: string): Promise<boolean> {
    let res: Response;
    try {
      res = await this.fetchFn(this.baseUrl + '/api/auth/refresh', {
        method: 'POST',
        headers: { Authorization: `Bearer ${refreshToken}`, Accept: 'application/json' },
      });
    } catch {
      // The root is unreachable, not refusing: keep a still-valid token and try again soon.
      if (!this.expiresWithin(5_000)) {
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.refresh(), 10_000);
        return true;
      }
      this.end('expired');
      return false;
    }
    try {
      if (!res.ok) throw new Error(`refresh answered ${res.status}`);
      const body = (await res.json()) as Partial<Tokens>;
      if (typeof body.token !== 'string' || !decodeClaims(body.token)) {
        throw new Error('refresh answer holds no token');
      }
      this.adopt({ token: body.token, refresh_token: body.refresh_token ?? refreshToken }, 'refresh');
      return true;
    } catch {
      this.end('expired');
      return false;
    }
  }

  /** Calls the API and returns the parsed JSON body (undefined for empty bodies). */
  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    return this.send<T>(method, path, options);
  }

  /** Calls the API and returns the body as text (logs). */
  async requestText(path: string, options: RequestOptions = {}): Promise<string> {
    return this.send<string>('GET', path, options, true);
  }

  private async send<T>(
    method: string,
    path: string,
    options: RequestOptions,
    asText = false,
  ): Promise<T> {
    if (!options.anonymous && this.session && this.expiresWithin(5_000)) {
      await this.refresh();
    }
    if (!options.anonymous && !this.session) {
      throw new ApiError({ status: 401, title: 'Not signed in', detail: 'Please sign in again.' });
    }
    let res = await this.fetchOnce(method, path, options);
    if (res.status === 401 && !options.anonymous && this.session) {
      // The token may have been revoked or the clock skewed: one refresh, one retry.
      if (await this.refresh()) res = await this.fetchOnce(method, path, options);
      else
        throw new ApiError({
          status: 401,
          title: 'Your session has ended',
          detail: 'Please sign in again.',
        });
    }
    const text = await res.text();
    if (!res.ok) throw problemFrom(res.status, res.statusText, text);
    if (asText) return text as T;
    if (!text) return undefined as T;
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ApiError({
        status: res.status,
        title: 'The root orchestrator sent an answer that is not JSON',
        detail: text.slice(0, 200),
      });
    }
  }

  private async fetchOnce(method: string, path: string, options: RequestOptions) {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
    if (!options.anonymous && this.session) {
      headers.Authorization = `Bearer ${this.session.tokens.token}`;
    }
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    }
    let url = this.baseUrl + path;
    if (options.query) {
      const q = new URLSearchParams();
      for (const [k, v] of Object.entries(options.query)) if (v !== undefined) q.set(k, String(v));
      const s = q.toString();
      if (s) url += (url.includes('?') ? '&' : '?') + s;
    }
    try {
      return await this.fetchFn(url, { method, headers, body });
    } catch (e) {
      throw new ApiError({
        status: 0,
        title: 'Cannot reach the root orchestrator',
        detail: e instanceof Error ? e.message : String(e),
      });
    }
  }

  private expiresWithin(ms: number): boolean {
    return !!this.session && this.session.claims.exp * 1000 - this.now() < ms;
  }

  private adopt(tokens: Tokens, why: 'login' | 'refresh' | null) {
    const claims = decodeClaims(tokens.token);
    if (!claims) {
      this.end('expired');
      return;
    }
    this.session = { tokens, claims };
    this.store.save(tokens);
    this.schedule();
    if (why) this.emit(why);
  }

  private schedule() {
    clearTimeout(this.timer);
    if (!this.session) return;
    const lifetime = this.session.claims.exp * 1000 - this.now();
    // Short-lived tokens (tests, strict servers) refresh at half their remaining life.
    const wait = Math.max(1_000, lifetime > 2 * this.leadMs ? lifetime - this.leadMs : lifetime / 2);
    // setTimeout fires at once for delays past 2^31-1 ms; a token that long-lived re-plans later.
    if (wait > MAX_TIMER_MS) {
      this.timer = setTimeout(() => this.schedule(), MAX_TIMER_MS);
      return;
    }
    this.timer = setTimeout(() => void this.refresh(), wait);
  }

  private end(why: 'logout' | 'expired') {
    clearTimeout(this.timer);
    const had = this.session !== null;
    this.session = null;
    this.store.save(null);
    if (had) this.emit(why);
  }

  private emit(why: 'login' | 'refresh' | 'logout' | 'expired') {
    for (const l of this.listeners) l(this.session, why);
  }
}
