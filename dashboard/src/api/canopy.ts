import { ApiClient } from './client';
import { normalizeService } from './view';
import type {
  Application,
  Cluster,
  NewUser,
  Organization,
  Service,
  User,
  Worker,
} from './types';

const enc = encodeURIComponent;

/** Oakestra answers some lists as `{key: [...]}` and some as bare arrays; accept both. */
function list<T>(body: unknown, ...keys: string[]): T[] {
  if (Array.isArray(body)) return body as T[];
  if (body && typeof body === 'object') {
    for (const k of keys) {
      const v = (body as Record<string, unknown>)[k];
      if (Array.isArray(v)) return v as T[];
    }
  }
  return [];
}

/** Every endpoint the dashboard uses, typed. Pages call these and nothing else. */
export class CanopyApi {
  constructor(readonly http: ApiClient) {}

  // --- applications -----------------------------------------------------------------------
  async applications(): Promise<Application[]> {
    return list<Application>(await this.http.request('GET', '/api/applications/'), 'applications');
  }

  application(id: string): Promise<Application> {
    return this.http.request('GET', `/api/application/${enc(id)}`);
  }

  /** Registers every application and service of a full SLA (422 lists its violations). */
  createApplications(sla: unknown): Promise<unknown> {
    return this.http.request('POST', '/api/application/', { body: sla });
  }

  /** Canopy's root reads `application_name`, `application_namespace`, `application_desc`. */
  updateApplication(
    id: string,
    app: Pick<Application, 'application_name' | 'application_namespace' | 'application_desc'>,
  ) {
    return this.http.request<unknown>('PUT', `/api/application/${enc(id)}`, { body: app });
  }

  deleteApplication(id: string) {
    return this.http.request<unknown>('DELETE', `/api/application/${enc(id)}`);
  }

  // --- services and instances -------------------------------------------------------------
  async services(appId: string): Promise<Service[]> {
    const raw = list<Service>(await this.http.request('GET', `/api/services/${enc(appId)}`), 'services');
    return raw.map(normalizeService);
  }

  async service(id: string): Promise<Service> {
    return normalizeService(await this.http.request<Service>('GET', `/api/service/${enc(id)}`));
  }

  /** Adds services to an application from an SLA whose application carries `applicationID`. */
  addServices(sla: unknown): Promise<unknown> {
    return this.http.request('POST', '/api/service/', { body: sla });
  }

  updateService(id: string, sla: unknown) {
    return this.http.request<unknown>('PUT', `/api/service/${enc(id)}`, { body: sla });
  }

  deleteService(id: string) {
    return this.http.request<unknown>('DELETE', `/api/service/${enc(id)}`);
  }

  deployInstance(serviceId: string) {
    // Oakestra's endpoint takes (and ignores) a body; send an empty object for its clients' sake.
    return this.http.request<unknown>('POST', `/api/service/${enc(serviceId)}/instance`, {
      body: {},
    });
  }

  undeployInstance(serviceId: string, instanceNumber: number) {
    return this.http.request<unknown>(
      'DELETE',
      `/api/service/${enc(serviceId)}/instance/${instanceNumber}`,
    );
  }

  /** The last `lines` log lines of one instance, as plain text. */
  async logs(serviceId: string, instanceNumber: number, lines: number): Promise<string> {
    const text = await this.http.requestText(
      `/api/service/${enc(serviceId)}/instance/${instanceNumber}/logs`,
      { query: { lines } },
    );
    // Accept a JSON answer too: a string, a list of lines, or {logs|lines}.
    const t = text.trimStart();
    if (t.startsWith('{') || t.startsWith('[') || t.startsWith('"')) {
      try {
        const j: unknown = JSON.parse(text);
        if (typeof j === 'string') return j;
        if (Array.isArray(j)) return j.join('\n');
        if (j && typeof j === 'object') {
          const o = j as Record<string, unknown>;
          const v = o.logs ?? o.lines;
          if (typeof v === 'string') return v;
          if (Array.isArray(v)) return v.join('\n');
        }
      } catch {
        // Plain text that happens to start with a bracket.
      }
    }
    return text;
  }

  // --- clusters ---------------------------------------------------------------------------
  async clusters(): Promise<Cluster[]> {
    return list<Cluster>(await this.http.request('GET', '/api/clusters/'), 'clusters');
  }

  async workers(clusterId: string): Promise<Worker[]> {
    return list<Worker>(
      await this.http.request('GET', `/api/clusters/${enc(clusterId)}/workers`),
      'workers',
      'nodes',
    );
  }

  // --- users and organizations ------------------------------------------------------------
  user(name: string): Promise<User> {
    return this.http.request('GET', `/api/user/${enc(name)}`);
  }

  async users(): Promise<User[]> {
    return list<User>(await this.http.request('GET', '/api/users/'), 'users');
  }

  registerUser(user: NewUser) {
    return this.http.request<unknown>('POST', '/api/auth/register', { body: user });
  }

  /** Changes e-mail and/or roles (`{email?, roles?}`, roles by Oakestra's names). */
  updateUser(name: string, user: { email?: string; roles?: string[] }) {
    return this.http.request<unknown>('PUT', `/api/user/${enc(name)}`, { body: user });
  }

  deleteUser(name: string) {
    return this.http.request<unknown>('DELETE', `/api/user/${enc(name)}`);
  }

  changePassword(name: string, oldPassword: string, newPassword: string) {
    return this.http.request<unknown>('POST', `/api/user/${enc(name)}`, {
      body: { oldPassword, newPassword },
    });
  }

  async organizations(): Promise<Organization[]> {
    return list<Organization>(
      await this.http.request('GET', '/api/organization/'),
      'organizations',
    );
  }

  createOrganization(name: string) {
    return this.http.request<unknown>('POST', '/api/organization/', {
      body: { name, member: [] },
    });
  }

  deleteOrganization(id: string) {
    return this.http.request<unknown>('DELETE', `/api/organization/${enc(id)}`);
  }
}
