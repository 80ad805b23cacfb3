// Reading the API's fields the way a person wants to see them. Kept next to the types so the
// tolerance for Oakestra's variants (field names, string vs. list) lives in one place.
import type { Application, Instance, Service } from './types';

export type StateTone = 'ok' | 'pending' | 'bad' | 'done' | 'gone' | 'unknown';

const PENDING = new Set(['REQUESTED', 'CLUSTER_SCHEDULED', 'NODE_SCHEDULED', 'CREATING', 'SCHEDULED']);
const BAD = new Set(['UNSCHEDULABLE', 'FAILED', 'DEAD']);

/** The colour family of an instance state (`NO_…` scheduling failures count as bad). */
export function stateTone(status: string | null | undefined): StateTone {
  const s = (status ?? '').toUpperCase();
  if (s === 'RUNNING') return 'ok';
  if (s === 'COMPLETED') return 'done';
  if (s === 'UNDEPLOYED') return 'gone';
  if (PENDING.has(s)) return 'pending';
  if (BAD.has(s) || s.startsWith('NO_')) return 'bad';
  return 'unknown';
}

/** Whether an instance shows a negative scheduling result worth explaining. */
export function isSchedulingFailure(i: Instance): boolean {
  const s = (i.status ?? '').toUpperCase();
  return s === 'UNSCHEDULABLE' || s.startsWith('NO_') || (i.rejections?.length ?? 0) > 0;
}

/** `app.appns.svc.svcns`, from the service's own fields or else its application's. */
export function fullName(s: Service, app?: Application | null): string {
  if (s.job_name) return s.job_name;
  const appName = s.app_name ?? app?.application_name;
  const appNs = s.app_ns ?? app?.application_namespace;
  const tail = `${s.microservice_name}.${s.microservice_namespace}`;
  return appName && appNs ? `${appName}.${appNs}.${tail}` : tail;
}

/** The service's stable 10.30.x.y address: `service_ip`, Oakestra's `RR_ip`, or the SLA's `rr_ip`. */
export function serviceIp(s: Service): string | undefined {
  return s.service_ip ?? s.RR_ip ?? s.addresses?.rr_ip ?? undefined;
}

/** Host ports as `8080→80/tcp` items, from a list of objects, numbers, or an SLA port string. */
export function hostPorts(i: Instance): string[] {
  const p = i.host_ports;
  if (p == null || p === '') return [];
  if (typeof p === 'string') {
    return p
      .split(';')
      .map((x) => x.trim())
      .filter(Boolean)
      .map((x) => x.replace(':', '→'));
  }
  return p.map((x) =>
    typeof x === 'number'
      ? String(x)
      : `${x.host_port}${x.container_port != null ? `→${x.container_port}` : ''}${x.protocol ? `/${x.protocol}` : ''}`,
  );
}

/** A timestamp given as ISO text, epoch seconds or epoch milliseconds, in milliseconds. */
export function toMillis(t: string | number | null | undefined): number | null {
  if (t == null || t === '') return null;
  if (typeof t === 'number') return t < 1e12 ? t * 1000 : t;
  const n = Date.parse(t);
  return Number.isNaN(n) ? null : n;
}

/** "12 s", "5 min", "3 h", "2 d" since the time, or "—". */
export function age(t: string | number | null | undefined, now: number = Date.now()): string {
  const ms = toMillis(t);
  if (ms == null) return '—';
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86400) return `${Math.floor(s / 3600)} h`;
  return `${Math.floor(s / 86400)} d`;
}

/** Instances counted per state, in lifecycle order, e.g. `[['RUNNING', 2], ['FAILED', 1]]`. */
export function countByState(instances: Instance[] | undefined): [string, number][] {
  const order = [
    'RUNNING',
    'CREATING',
    'NODE_SCHEDULED',
    'CLUSTER_SCHEDULED',
    'REQUESTED',
    'UNSCHEDULABLE',
    'FAILED',
    'DEAD',
    'COMPLETED',
  ];
  const counts = new Map<string, number>();
  for (const i of instances ?? []) {
    const s = (i.status ?? 'UNKNOWN').toUpperCase();
    if (s === 'UNDEPLOYED') continue;
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  const rank = (s: string) => (order.indexOf(s) === -1 ? order.length : order.indexOf(s));
  return [...counts.entries()].sort((a, b) => rank(a[0]) - rank(b[0]) || a[0].localeCompare(b[0]));
}

type Raw = Record<string, unknown>;
const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * One instance with the field names the pages use, whichever of the known spellings the server
 * sent: Oakestra's/the brief's `node_id`, `node_name`, `candidateId`, or Canopy's `worker_id`,
 * `worker_name`, `candidate_id`.
 */
export function normalizeInstance(raw: Instance): Instance {
  const r = raw as unknown as Raw;
  const rejections = Array.isArray(r.rejections)
    ? (r.rejections as Raw[]).map((x) => ({
        candidateId: text(x.candidateId) ?? text(x.candidate_id) ?? '',
        candidateName: text(x.candidateName) ?? text(x.candidate_name),
        reason: text(x.reason) ?? '',
      }))
    : [];
  return {
    ...raw,
    node_id: text(r.node_id) ?? text(r.worker_id) ?? null,
    node_name: text(r.node_name) ?? text(r.worker_name) ?? null,
    reason: text(r.reason) ?? text(r.scheduling_failure) ?? null,
    rejections,
  };
}

export function normalizeService(raw: Service): Service {
  return { ...raw, instance_list: (raw.instance_list ?? []).map(normalizeInstance) };
}

/** The latest CPU % and memory (MB) a running instance's worker measured; null when none yet. */
export function latestUsage(i: Instance): { cpuPercent: number; memoryMb: number } | null {
  const last = (h?: { value: number }[] | null) =>
    Array.isArray(h) && h.length > 0 && typeof h[h.length - 1].value === 'number' ? h[h.length - 1].value : null;
  const cpu = last(i.cpu_history);
  const memory = last(i.memory_history);
  if (i.status?.toUpperCase() !== 'RUNNING' || cpu == null || memory == null) return null;
  return { cpuPercent: cpu, memoryMb: memory };
}
