import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiClient } from './client';
import { ApiError } from './problem';
import { fakeFetch, makeJwt, memoryStore } from '../testing/jwt';

const T0 = 1_700_000_000_000;
const access = (n: number, expSec = T0 / 1000 + 600) =>
  makeJwt({ sub: 'Admin', roles: ['Admin'], organization: 'org1', exp: expSec, n });
const refreshTok = makeJwt({ sub: 'Admin', exp: T0 / 1000 + 7 * 86400, kind: 'refresh' });

afterEach(() => vi.useRealTimers());

describe('ApiClient', () => {
  it('logs in with user, password and organization and keeps the tokens', async () => {
    const store = memoryStore();
    const { fetch, calls } = fakeFetch(() => ({ body: { token: access(1), refresh_token: refreshTok } }));
    const client = new ApiClient({ fetch, store, now: () => T0 });
    const seen: string[] = [];
    client.onSession((_, why) => seen.push(why));

    const s = await client.login(' Admin', 'pw', 'root');

    expect(calls[0].url).toBe('/api/auth/login');
    expect(calls[0].method).toBe('POST');
    expect(calls[0].headers.Authorization).toBeUndefined();
    expect(JSON.parse(calls[0].body!)).toEqual({ username: ' Admin', password: 'pw', organization_name: 'root' });
    expect(s.claims).toMatchObject({ sub: 'Admin', roles: ['Admin'], organization: 'org1' });
    expect(store.get()?.refresh_token).toBe(refreshTok);
    expect(seen).toEqual(['login']);
  });

  it('leaves organization_name out when none is given', async () => {
    const { fetch, calls } = fakeFetch(() => ({ body: { token: access(1), refresh_token: refreshTok } }));
    await new ApiClient({ fetch, store: memoryStore(), now: () => T0 }).login('u', 'p', '  ');
    expect(JSON.parse(calls[0].body!)).toEqual({ username: 'u', password: 'p' });
  });

  it('shows a failed login as the server problem', async () => {
    const { fetch } = fakeFetch(() => ({
      status: 401,
      contentType: 'application/problem+json',
      body: { title: 'Wrong user name or password', status: 401 },
    }));
    const client = new ApiClient({ fetch, store: memoryStore(), now: () => T0 });
    await expect(client.login('u', 'bad')).rejects.toMatchObject({ status: 401, title: 'Wrong user name or password' });
    expect(client.current()).toBeNull();
  });

  it('sends the access token as a bearer token', async () => {
    const store = memoryStore();
    store.save({ token: access(1), refresh_token: refreshTok });
    const { fetch, calls } = fakeFetch(() => ({ body: [] }));
    const client = new ApiClient({ fetch, store, now: () => T0 });

    await client.request('GET', '/api/applications/');

    expect(calls[0].headers.Authorization).toBe(`Bearer ${access(1)}`);
  });

  it('refreshes first when the access token is about to expire, with the refresh token as bearer', async () => {
    const store = memoryStore();
    store.save({ token: access(1, T0 / 1000 + 3), refresh_token: refreshTok });
    const { fetch, calls } = fakeFetch((c) =>
      c.url === '/api/auth/refresh' ? { body: { token: access(2) } } : { body: { ok: true } },
    );
    const client = new ApiClient({ fetch, store, now: () => T0 });

    await client.request('GET', '/api/clusters/');

    expect(calls.map((c) => c.url)).toEqual(['/api/auth/refresh', '/api/clusters/']);
    expect(calls[0].method).toBe('POST');
    expect(calls[0].headers.Authorization).toBe(`Bearer ${refreshTok}`);
    expect(calls[0].body).toBeUndefined();
    expect(calls[1].headers.Authorization).toBe(`Bearer ${access(2)}`);
    // The refresh answer carries no new refresh token: the old one is kept.
    expect(store.get()).toEqual({ token: access(2), refresh_token: refreshTok });
  });

  it('schedules the refresh a minute before exp', async () => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
    const store = memoryStore();
    store.save({ token: access(1, T0 / 1000 + 600), refresh_token: refreshTok });
    const { fetch, calls } = fakeFetch(() => ({ body: { token: access(2), refresh_token: 'r2.x.y' } }));
    new ApiClient({ fetch, store });

    await vi.advanceTimersByTimeAsync(538_000);
    expect(calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(calls.map((c) => c.url)).toEqual(['/api/auth/refresh']);
    expect(store.get()?.token).toBe(access(2));
  });

  it('answers a 401 with one refresh and one retry', async () => {
    const store = memoryStore();
    store.save({ token: access(1), refresh_token: refreshTok });
    let first = true;
    const { fetch, calls } = fakeFetch((c) => {
      if (c.url === '/api/auth/refresh') return { body: { token: access(2) } };
      if (first) {
        first = false;
        return { status: 401, body: { title: 'Token revoked' } };
      }
      return { body: [{ _id: { $oid: 'a' } }] };
    });
    const client = new ApiClient({ fetch, store, now: () => T0 });

    const body = await client.request('GET', '/api/applications/');

    expect(body).toEqual([{ _id: { $oid: 'a' } }]);
    expect(calls.map((c) => c.url)).toEqual(['/api/applications/', '/api/auth/refresh', '/api/applications/']);
    expect(calls[2].headers.Authorization).toBe(`Bearer ${access(2)}`);
  });

  it('ends the session when the refresh is refused, so the app goes back to login', async () => {
    const store = memoryStore();
    store.save({ token: access(1), refresh_token: refreshTok });
    const { fetch } = fakeFetch((c) =>
      c.url === '/api/auth/refresh' ? { status: 401, body: { title: 'Expired' } } : { status: 401, body: {} },
    );
    const client = new ApiClient({ fetch, store, now: () => T0 });
    const seen: (string | null)[] = [];
    client.onSession((s, why) => seen.push(s ? 'session' : why));

    const err = await client.request('GET', '/api/applications/').catch((e: unknown) => e);

    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(401);
    expect(client.current()).toBeNull();
    expect(store.get()).toBeNull();
    expect(seen).toEqual(['expired']);
  });

  it('shares one refresh between concurrent calls', async () => {
    const store = memoryStore();
    store.save({ token: access(1, T0 / 1000 + 1), refresh_token: refreshTok });
    const { fetch, calls } = fakeFetch((c) =>
      c.url === '/api/auth/refresh' ? { body: { token: access(2) } } : { body: {} },
    );
    const client = new ApiClient({ fetch, store, now: () => T0 });

    await Promise.all([client.request('GET', '/a'), client.request('GET', '/b'), client.request('GET', '/c')]);

    expect(calls.filter((c) => c.url === '/api/auth/refresh')).toHaveLength(1);
  });

  it('turns an unreachable server into an ApiError with status 0', async () => {
    const store = memoryStore();
    store.save({ token: access(1), refresh_token: refreshTok });
    const { fetch } = fakeFetch(() => new TypeError('Failed to fetch'));
    const client = new ApiClient({ fetch, store, now: () => T0 });

    await expect(client.request('GET', '/api/clusters/')).rejects.toMatchObject({
      status: 0,
      title: 'Cannot reach the root orchestrator',
    });
    expect(client.current()).not.toBeNull();
  });

  it('reads a 422 problem with its violations', async () => {
    const store = memoryStore();
    store.save({ token: access(1), refresh_token: refreshTok });
    const { fetch, calls } = fakeFetch(() => ({
      status: 422,
      contentType: 'application/problem+json',
      body: {
        type: 'https://canopy.io/problems/invalid-sla',
        title: 'Invalid SLA',
        detail: '2 violations',
        violations: [
          { path: '$.applications[0].application_namespace', reason: 'is required' },
          { path: '$.applications[0].microservices[0].port', reason: 'must be host:container[/tcp|udp]' },
        ],
      },
    }));
    const client = new ApiClient({ fetch, store, now: () => T0 });

    const err = (await client.request('POST', '/api/application/', { body: { a: 1 } }).catch((e) => e)) as ApiError;

    expect(calls[0].headers['Content-Type']).toBe('application/json');
    expect(calls[0].body).toBe('{"a":1}');
    expect(err.status).toBe(422);
    expect(err.title).toBe('Invalid SLA');
    expect(err.type).toBe('https://canopy.io/problems/invalid-sla');
    expect(err.violations).toHaveLength(2);
    expect(err.violations[1]).toEqual({
      path: '$.applications[0].microservices[0].port',
      reason: 'must be host:container[/tcp|udp]',
    });
  });

  it('refuses to call without a session', async () => {
    const { fetch, calls } = fakeFetch(() => ({ body: {} }));
    const client = new ApiClient({ fetch, store: memoryStore(), now: () => T0 });
    await expect(client.request('GET', '/api/applications/')).rejects.toMatchObject({ status: 401 });
    expect(calls).toHaveLength(0);
  });
});
