// The shapes of the root orchestrator's REST API as the dashboard reads them. They follow
// Oakestra's (ids as MongoDB extended JSON, snake_case names); Canopy's additions are optional.

/** MongoDB extended JSON id as Oakestra's API returns it; plain strings are tolerated. */
export type OidLike = { $oid: string } | string;

export interface Tokens {
  token: string;
  refresh_token: string;
}

export interface Claims {
  sub: string;
  roles: string[];
  organization?: string;
  exp: number;
}

export interface Application {
  _id: OidLike;
  application_name: string;
  application_namespace: string;
  application_desc?: string;
  userId?: string;
  microservices?: OidLike[];
}

export interface HostPort {
  host_port: number;
  container_port?: number;
  protocol?: string;
}

/** Normalised by the client from `candidateId` or Canopy's `candidate_id` (and `…Name`). */
export interface Rejection {
  candidateId: string;
  candidateName?: string;
  reason: string;
}

export interface Instance {
  instance_number: number;
  status: string;
  cluster_id?: string | null;
  cluster_location?: string | null;
  publicip?: string | null;
  cluster_name?: string | null;
  /** Normalised by the client from `node_id` or Canopy's `worker_id`. */
  node_id?: string | null;
  /** Normalised by the client from `node_name` or Canopy's `worker_name`. */
  node_name?: string | null;
  instance_ip?: string | null;
  host_ports?: HostPort[] | string | number[] | null;
  created_at?: string | number | null;
  /** When the state last changed (Canopy). */
  updated_at?: string | number | null;
  /** The lifecycle state when `status` carries a scheduling failure's name (Canopy). */
  state?: string | null;
  reason?: string | null;
  scheduling_failure?: string | null;
  rejections?: Rejection[] | null;
  /** Oakestra's usage history, oldest first (only on `GET /api/service/{id}`): CPU %, 100 = one core. */
  cpu_history?: UsageSample[] | null;
  /** Memory in MB (Canopy; Oakestra sends percent). */
  memory_history?: UsageSample[] | null;
}

/** One point of an instance's `cpu_history` or `memory_history`. */
export interface UsageSample {
  timestamp: string;
  value: number;
}

export interface Service {
  _id: OidLike;
  microserviceID?: string;
  microservice_name: string;
  microservice_namespace: string;
  app_name?: string;
  app_ns?: string;
  applicationID?: string;
  virtualization?: string;
  code?: string;
  vcpus?: number;
  memory?: number;
  vgpus?: number;
  port?: string;
  service_ip?: string;
  /** The full name, as Canopy's root sends it. */
  job_name?: string;
  RR_ip?: string;
  addresses?: { rr_ip?: string } | null;
  status?: string;
  instance_list?: Instance[];
}

export interface Cluster {
  _id: OidLike;
  cluster_name: string;
  cluster_location?: string;
  active?: boolean;
  active_nodes?: number;
  aggregated_cpu_percent?: number;
  /** Oakestra: the cluster's memory in MB. */
  memory_in_mb?: number;
  /** Canopy: the free part of it. */
  free_memory_in_mb?: number;
  total_nodes?: number;
  last_report_at?: string | null;
  total_cpu_cores?: number;
  total_gpu_cores?: number;
  virtualization?: string[];
}

export interface Worker {
  node_id: string;
  name: string;
  arch?: string;
  runtimes?: string[];
  cpu_percent?: number;
  cores?: number;
  memory_total_mb?: number;
  memory_free_mb?: number;
  last_report_at?: string | number | null;
  active?: boolean;
}

/** Oakestra's role names, as the API and the JWT `roles` claim spell them. */
export const ROLES = [
  'Admin',
  'Organization_Admin',
  'Application_Provider',
  'Infrastructure_Provider',
] as const;

export interface User {
  _id?: OidLike;
  name: string;
  email?: string;
  roles?: (string | { name: string })[];
  created_at?: string | number;
}

export interface NewUser {
  name: string;
  email: string;
  password: string;
  roles: string[];
}

export interface Organization {
  _id: OidLike;
  name: string;
  member?: { user_id: string; roles?: (string | { name: string })[] }[];
}

/** One SLA problem: `path` is a JSON path into the posted document. */
export interface Violation {
  path: string;
  reason: string;
}
