// A stand-in for the root orchestrator's REST API, for the dashboard alone: it serves dist/ and
// answers the documented Oakestra-style endpoints from memory. It exists to take the screenshots
// in docs/dashboard.md and to dry-run e2e/journey.mjs before the e2e harness can start a real
// root, cluster and worker. It is not Canopy: nothing here schedules or runs anything.
//
//   node e2e/fake-root.mjs [--demo]      PORT (10099), FAKE_ADMIN_PASSWORD (admin-pass),
//                                         FAKE_TOKEN_TTL seconds (600)
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
const PORT = Number(process.env.PORT ?? 10099);
const PASSWORD = process.env.FAKE_ADMIN_PASSWORD ?? 'admin-pass';
const TTL = Number(process.env.FAKE_TOKEN_TTL ?? 600);
const DEMO = process.argv.includes('--demo');

let seq = 0x100;
const newId = () => (Date.now().toString(16) + (seq++).toString(16)).padStart(24, '0').slice(-24);
const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
const jwt = (claims) => `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.fake`;
const claimsOf = (token) => {
  try {
    return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
  } catch {
    return null;
  }
};

const now = () => Date.now();
const iso = (ms) => new Date(ms).toISOString();

// ---- state ------------------------------------------------------------------------------------
const orgs = [{ _id: { $oid: newId() }, name: 'root', member: [{ user_id: 'Admin', roles: ['Admin'] }] }];
const users = [
  { _id: { $oid: newId() }, name: 'Admin', email: 'admin@canopy.local', roles: ['Admin'], created_at: iso(now() - 86400e3 * 3), password: PASSWORD },
];
const clusters = [];
const workers = new Map();
const apps = [];
const services = [];

if (DEMO) {
  const lab = { _id: { $oid: newId() }, cluster_name: 'lab-1', cluster_location: 'Munich, rack 2', active: true, active_nodes: 2, aggregated_cpu_percent: 37, memory_in_mb: 11776, free_memory_in_mb: 3520, total_nodes: 2, last_report_at: iso(now() - 2000), total_cpu_cores: 8, total_gpu_cores: 0, virtualization: ['container', 'unikernel'] };
  const edge = { _id: { $oid: newId() }, cluster_name: 'edge-2', cluster_location: 'Garching', active: false, active_nodes: 0, aggregated_cpu_percent: 0, memory_in_mb: 7800, free_memory_in_mb: 7000, total_nodes: 1, last_report_at: iso(now() - 3600e3), total_cpu_cores: 4, total_gpu_cores: 1, virtualization: ['container'] };
  clusters.push(lab, edge);
  workers.set(lab._id.$oid, [
    { node_id: 'n-7f3a', name: 'worker-a', arch: 'amd64', runtimes: ['docker', 'qemu'], cpu_percent: 42, cores: 4, memory_total_mb: 7936, memory_free_mb: 3100, last_report_at: 'live', active: true },
    { node_id: 'n-91c2', name: 'worker-b', arch: 'arm64', runtimes: ['docker'], cpu_percent: 91, cores: 4, memory_total_mb: 3840, memory_free_mb: 420, last_report_at: 'live', active: true },
  ]);
  workers.set(edge._id.$oid, [
    { node_id: 'n-0be1', name: 'jetson', arch: 'arm64', runtimes: ['docker'], cpu_percent: 0, cores: 4, memory_total_mb: 7800, memory_free_mb: 7000, last_report_at: iso(now() - 3600e3), active: false },
  ]);
  users.push(
    { _id: { $oid: newId() }, name: 'ann', email: 'ann@example.org', roles: ['Application_Provider'], created_at: iso(now() - 86400e3), password: 'x' },
    { _id: { $oid: newId() }, name: 'ops', email: 'ops@example.org', roles: ['Infrastructure_Provider'], created_at: iso(now() - 7200e3), password: 'x' },
  );
  orgs.push({ _id: { $oid: newId() }, name: 'tum', member: [{ user_id: 'ann', roles: ['Application_Provider'] }, { user_id: 'ops', roles: ['Infrastructure_Provider'] }] });
  register({
    sla_version: 'v2.0',
    customerID: 'Admin',
    applications: [{
      applicationID: '', application_name: 'clientsrvr', application_namespace: 'test', application_desc: 'Simple demo with curl client and Nginx server',
      microservices: [
        { microserviceID: '', microservice_name: 'curl', microservice_namespace: 'test', virtualization: 'container', cmd: ['sh', '-c', 'curl 10.30.55.55 ; sleep 5'], memory: 100, vcpus: 1, code: 'docker.io/curlimages/curl:7.82.0', port: '' },
        { microserviceID: '', microservice_name: 'nginx', microservice_namespace: 'test', virtualization: 'container', cmd: [], memory: 100, vcpus: 1, code: 'docker.io/library/nginx:latest', port: '80:80/tcp', addresses: { rr_ip: '10.30.55.55' } },
        { microserviceID: '', microservice_name: 'trainer', microservice_namespace: 'test', virtualization: 'container', cmd: [], memory: 16384, vcpus: 8, vgpus: 1, code: 'docker.io/library/python:3.12', port: '' },
      ],
    }],
  });
  const [curl, nginx, trainer] = services;
  const place = (svc, state, extra = {}) => {
    const i = newInstance(svc);
    Object.assign(i, { status: state, ...extra });
    svc.instance_list.push(i);
    return i;
  };
  const onA = { cluster_id: lab._id.$oid, cluster_name: lab.cluster_name, cluster_location: lab.cluster_location, worker_id: 'n-7f3a', worker_name: 'worker-a', publicip: '192.0.2.10' };
  place(nginx, 'RUNNING', { ...onA, instance_ip: '10.18.0.2', host_ports: [{ host_port: 80, container_port: 80, protocol: 'tcp' }], created_at: iso(now() - 1260e3) });
  place(nginx, 'RUNNING', { ...onA, worker_id: 'n-91c2', worker_name: 'worker-b', publicip: '192.0.2.11', instance_ip: '10.18.0.66', host_ports: [{ host_port: 80, container_port: 80, protocol: 'tcp' }], created_at: iso(now() - 300e3) });
  place(nginx, 'CREATING', { ...onA, instance_ip: '10.18.0.3', created_at: iso(now() - 4e3) });
  place(curl, 'DEAD', { ...onA, instance_ip: '10.18.0.4', created_at: iso(now() - 95e3), reason: 'exited with code 6 while it should run; restarting in 10 s' });
  place(trainer, 'UNSCHEDULABLE', {
    created_at: iso(now() - 40e3),
    reason: 'NO_ACTIVE_CLUSTER_WITH_CAPACITY',
    rejections: [
      { candidate_id: lab._id.$oid, candidate_name: 'lab-1', reason: 'needs 1 GPU, has 0' },
      { candidate_id: edge._id.$oid, candidate_name: 'edge-2', reason: 'inactive: no report for 58 min' },
    ],
  });
  register({
    sla_version: 'v2.0', customerID: 'Admin',
    applications: [{ applicationID: '', application_name: 'sensors', application_namespace: 'prod', application_desc: 'MQTT ingest and unikernel filter', microservices: [
      { microserviceID: '', microservice_name: 'filter', microservice_namespace: 'prod', virtualization: 'unikernel', cmd: [], memory: 64, vcpus: 1, code: 'http://images.local/filter_x86.tar.gz', arch: ['amd64'], port: '' },
    ] }],
  });
}

function newInstance(svc) {
  const n = svc.instance_list.reduce((m, i) => Math.max(m, i.instance_number + 1), 0);
  return { instance_number: n, status: 'REQUESTED', cluster_id: null, cluster_location: null, publicip: null, worker_id: null, worker_name: null, instance_ip: null, host_ports: [], created_at: iso(now()), reason: null, rejections: [] };
}

// ---- SLA checks (a few of Canopy's rules, enough to show field errors) -------------------------
const NAME = /^[A-Za-z0-9]{1,30}$/;
const PORTS = /^\d{1,5}(:\d{1,5})?(\/(tcp|udp))?(;\d{1,5}(:\d{1,5})?(\/(tcp|udp))?)*$/;
function validate(sla) {
  const v = [];
  const bad = (path, reason) => v.push({ path, reason });
  if (!sla || typeof sla !== 'object' || Array.isArray(sla)) return [{ path: '$', reason: 'must be a JSON object' }];
  if (sla.sla_version !== 'v2.0') bad('$.sla_version', 'must be "v2.0"');
  if (!Array.isArray(sla.applications) || sla.applications.length === 0) bad('$.applications', 'must list at least one application');
  (Array.isArray(sla.applications) ? sla.applications : []).forEach((a, i) => {
    const ap = `$.applications[${i}]`;
    for (const f of ['application_name', 'application_namespace']) {
      if (a?.[f] === undefined) bad(`${ap}.${f}`, 'is required');
      else if (typeof a[f] !== 'string' || !NAME.test(a[f])) bad(`${ap}.${f}`, 'must be 1–30 letters or digits');
    }
    (Array.isArray(a?.microservices) ? a.microservices : []).forEach((m, j) => {
      const mp = `${ap}.microservices[${j}]`;
      for (const f of ['microservice_name', 'microservice_namespace']) {
        if (m?.[f] === undefined) bad(`${mp}.${f}`, 'is required');
        else if (typeof m[f] !== 'string' || !NAME.test(m[f])) bad(`${mp}.${f}`, 'must be 1–30 letters or digits');
      }
      if (!['container', 'docker', 'unikernel'].includes(m?.virtualization)) bad(`${mp}.virtualization`, 'must be container, docker or unikernel');
      if (typeof m?.code !== 'string' || m.code === '') bad(`${mp}.code`, 'must name an image');
      if (m?.memory !== undefined && (typeof m.memory !== 'number' || m.memory < 0)) bad(`${mp}.memory`, 'must be a number of MB');
      if (m?.port !== undefined && m.port !== '' && (typeof m.port !== 'string' || !PORTS.test(m.port))) bad(`${mp}.port`, 'must be host:container[/tcp|udp], separated by ";"');
    });
  });
  return v;
}

function register(sla) {
  const created = [];
  for (const a of sla.applications) {
    const app = { _id: { $oid: newId() }, application_name: a.application_name, application_namespace: a.application_namespace, application_desc: a.application_desc ?? '', userId: 'Admin', microservices: [] };
    for (const m of a.microservices ?? []) {
      const n = services.length;
      const svc = {
        _id: { $oid: newId() }, ...m, microserviceID: '', applicationID: app._id.$oid, app_name: app.application_name, app_ns: app.application_namespace,
        service_ip: m.addresses?.rr_ip || `10.30.${Math.floor(n / 250)}.${(n % 250) + 2}`, status: 'REGISTERED', instance_list: [],
      };
      services.push(svc);
      app.microservices.push(svc._id);
    }
    apps.push(app);
    created.push({ _id: app._id, microservices: app.microservices });
  }
  return created;
}

// Instances move along the lifecycle while the fake runs, like a real root's would.
setInterval(() => {
  const lab = clusters.find((c) => c.active) ?? { _id: { $oid: 'c-local' }, cluster_name: 'local', cluster_location: 'here' };
  for (const s of services) {
    for (const i of s.instance_list) {
      if (i.demoFrozen) continue;
      const next = { REQUESTED: 'CLUSTER_SCHEDULED', CLUSTER_SCHEDULED: 'NODE_SCHEDULED', NODE_SCHEDULED: 'CREATING', CREATING: 'RUNNING' }[i.status];
      if (!next) continue;
      if (s.memory > 8192 && i.status === 'REQUESTED') {
        Object.assign(i, { status: 'UNSCHEDULABLE', reason: 'NO_ACTIVE_CLUSTER_WITH_CAPACITY', rejections: clusters.map((c) => ({ candidate_id: c._id.$oid, candidate_name: c.cluster_name, reason: c.active ? `needs ${s.memory} MB memory, ${c.memory_in_mb} MB free` : 'inactive' })) });
        continue;
      }
      i.status = next;
      if (next === 'CLUSTER_SCHEDULED') Object.assign(i, { cluster_id: lab._id.$oid, cluster_name: lab.cluster_name, cluster_location: lab.cluster_location });
      if (next === 'NODE_SCHEDULED') Object.assign(i, { worker_id: 'n-7f3a', worker_name: 'worker-a', publicip: '192.0.2.10', instance_ip: `10.18.0.${10 + i.instance_number}` });
      if (next === 'RUNNING' && s.port) i.host_ports = String(s.port).split(';').map((p) => { const [h, rest = h] = p.split(':'); const [c, proto = 'tcp'] = rest.split('/'); return { host_port: Number(h), container_port: Number(c), protocol: proto }; });
    }
  }
}, 700);
if (DEMO) for (const s of services) for (const i of s.instance_list) i.demoFrozen = true;

// ---- HTTP -------------------------------------------------------------------------------------
const send = (res, status, body, type = 'application/json') => {
  res.writeHead(status, { 'Content-Type': type });
  res.end(body === undefined ? '' : typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
};
const problem = (res, status, title, detail, extra = {}) =>
  send(res, status, { type: 'about:blank', title, status, detail, ...extra }, 'application/problem+json');
const readBody = (req) => new Promise((resolve) => { let d = ''; req.on('data', (c) => (d += c)); req.on('end', () => resolve(d)); });
const tokens = (name, roles) => ({
  token: jwt({ sub: name, roles, organization: orgs[0]._id.$oid, exp: Math.floor(now() / 1000) + TTL }),
  refresh_token: jwt({ sub: name, roles, type: 'refresh', exp: Math.floor(now() / 1000) + 7 * 86400 }),
});
const byOid = (list, id) => list.find((x) => x._id.$oid === id);
const strip = ({ password, ...u }) => u;
const liveWorker = (w) => ({ ...w, last_report_at: w.last_report_at === 'live' ? iso(now() - 1500 - Math.random() * 1500) : w.last_report_at });

const MIME = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.svg': 'image/svg+xml' };

createServer(async (req, res) => {
  const url = new URL(req.url, 'http://x');
  const p = url.pathname;
  const m = req.method;
  if (!p.startsWith('/api/')) {
    const file = normalize(join(DIST, p === '/' ? 'index.html' : p));
    if (!file.startsWith(DIST)) return send(res, 404, 'not found', 'text/plain');
    try {
      return send(res, 200, await readFile(file), MIME[extname(file)] ?? 'application/octet-stream');
    } catch {
      return send(res, 404, 'not found', 'text/plain');
    }
  }
  const raw = await readBody(req);
  let body = null;
  if (raw) {
    try { body = JSON.parse(raw); } catch { return problem(res, 400, 'Malformed JSON', 'The body is not JSON.'); }
  }
  if (p === '/api/auth/login' && m === 'POST') {
    const u = users.find((x) => x.name === body?.username);
    if (!u || u.password !== body?.password) return problem(res, 401, 'Wrong user name or password', 'Check both and try again.');
    return send(res, 200, tokens(u.name, u.roles));
  }
  const claims = claimsOf((req.headers.authorization ?? '').replace(/^Bearer /, ''));
  if (!claims || claims.exp * 1000 < now()) return problem(res, 401, 'Not signed in', 'The token is missing or expired.');
  if (p === '/api/auth/refresh' && m === 'POST') {
    if (claims.type !== 'refresh') return problem(res, 401, 'Not a refresh token', '');
    return send(res, 200, { token: tokens(claims.sub, claims.roles).token });
  }
  if (claims.type === 'refresh') return problem(res, 401, 'A refresh token cannot call the API', '');
  let r;
  if (p === '/api/applications/' && m === 'GET') return send(res, 200, apps);
  if (p === '/api/application/' && m === 'POST') {
    const v = validate(body);
    if (v.length) return problem(res, 422, 'Invalid SLA', `The SLA has ${v.length} problem${v.length > 1 ? 's' : ''}.`, { violations: v });
    for (const a of body.applications) if (apps.some((x) => x.application_name === a.application_name && x.application_namespace === a.application_namespace)) return problem(res, 409, 'Application exists', `${a.application_name}.${a.application_namespace} is already registered.`);
    return send(res, 201, register(body));
  }
  if ((r = p.match(/^\/api\/application\/([^/]+)$/))) {
    const a = byOid(apps, r[1]);
    if (!a) return problem(res, 404, 'No such application', r[1]);
    if (m === 'GET') return send(res, 200, a);
    if (m === 'PUT' && !NAME.test(body?.application_name ?? a.application_name)) return problem(res, 422, 'Invalid fields', 'application_name: must be 1–30 letters or digits', { errors: [{ field: 'application_name', reason: 'must be 1–30 letters or digits' }] });
    if (m === 'PUT') { Object.assign(a, { application_name: body.application_name, application_namespace: body.application_namespace, application_desc: body.application_desc }); return send(res, 200, a); }
    if (m === 'DELETE') { apps.splice(apps.indexOf(a), 1); for (let k = services.length - 1; k >= 0; k--) if (services[k].applicationID === r[1]) services.splice(k, 1); return send(res, 200, { deleted: r[1] }); }
  }
  if ((r = p.match(/^\/api\/services\/([^/]+)$/)) && m === 'GET') return send(res, 200, services.filter((s) => s.applicationID === r[1]));
  if ((r = p.match(/^\/api\/service\/([^/]+)(\/instance(?:\/(\d+)(\/logs)?)?)?$/))) {
    const s = byOid(services, r[1]);
    if (!s) return problem(res, 404, 'No such service', r[1]);
    if (!r[2] && m === 'GET') return send(res, 200, s);
    if (!r[2] && m === 'DELETE') { services.splice(services.indexOf(s), 1); return send(res, 200, {}); }
    if (r[2] && r[3] === undefined && m === 'POST') { const i = newInstance(s); s.instance_list.push(i); return send(res, 200, { instance_number: i.instance_number }); }
    const i = s.instance_list.find((x) => x.instance_number === Number(r[3]));
    if (!i) return problem(res, 404, 'No such instance', `${s.microservice_name} has no instance ${r[3]}.`);
    if (r[4] && m === 'GET') {
      const n = Math.min(Number(url.searchParams.get('lines') ?? 100), 40);
      const lines = Array.from({ length: n }, (_, k) => `${iso(now() - (n - k) * 1000)} ${s.microservice_name}[${i.instance_number}] ${k % 7 === 3 ? 'GET / HTTP/1.1 200 615' : 'worker process ready'}`);
      return send(res, 200, { instance_number: i.instance_number, instance_id: `i-${i.instance_number}`, lines });
    }
    if (m === 'DELETE') { s.instance_list.splice(s.instance_list.indexOf(i), 1); return send(res, 200, {}); }
  }
  if (p === '/api/clusters/' && m === 'GET') return send(res, 200, clusters);
  if ((r = p.match(/^\/api\/clusters\/([^/]+)\/workers$/)) && m === 'GET') return send(res, 200, (workers.get(r[1]) ?? []).map(liveWorker));
  if ((r = p.match(/^\/api\/user\/([^/]+)$/))) {
    const u = users.find((x) => x.name === decodeURIComponent(r[1]));
    if (!u) return problem(res, 404, 'No such user', r[1]);
    if (m === 'GET') return send(res, 200, strip(u));
    if (m === 'PUT') { u.roles = body.roles; return send(res, 200, strip(u)); }
    if (m === 'DELETE') { users.splice(users.indexOf(u), 1); return send(res, 200, {}); }
    if (m === 'POST') { if (body.oldPassword !== u.password) return problem(res, 403, 'Wrong password', 'The current password does not match.'); u.password = body.newPassword; return send(res, 200, {}); }
  }
  if (p === '/api/users/' && m === 'GET') return send(res, 200, users.map(strip));
  if (p === '/api/auth/register' && m === 'POST') {
    if (users.some((u) => u.name === body.name)) return problem(res, 409, 'User exists', `${body.name} is taken.`);
    users.push({ _id: { $oid: newId() }, name: body.name, email: body.email, roles: body.roles, created_at: iso(now()), password: body.password });
    return send(res, 201, {});
  }
  if (p === '/api/organization/' && m === 'GET') return send(res, 200, orgs);
  if (p === '/api/organization/' && m === 'POST') { const o = { _id: { $oid: newId() }, name: body.name, member: [] }; orgs.push(o); return send(res, 201, o); }
  if ((r = p.match(/^\/api\/organization\/([^/]+)$/)) && m === 'DELETE') { const o = byOid(orgs, r[1]); if (o) orgs.splice(orgs.indexOf(o), 1); return send(res, 200, {}); }
  return problem(res, 404, 'No such endpoint', `${m} ${p}`);
}).listen(PORT, '127.0.0.1', () => console.log(`fake root on http://127.0.0.1:${PORT}/ (admin password ${PASSWORD})`));
