import { age, oid, toMillis, type Worker } from '../api';
import { DataTable } from '../components/DataTable';
import { Bar, Empty, PageHeader } from '../components/common';
import { PolledView } from '../components/PolledView';
import { useApp } from '../context';
import { usePoll } from '../usePoll';

function ActiveBadge({ active }: { active: boolean | undefined }) {
  return (
    <span className={`badge tone-${active ? 'ok' : 'gone'}`}>{active ? 'active' : 'inactive'}</span>
  );
}

const gb = (mb: number | undefined) => (mb == null ? '—' : mb >= 1024 ? `${(mb / 1024).toFixed(1)} GB` : `${mb} MB`);

export function ClustersPage() {
  const { api } = useApp();
  const clusters = usePoll(() => api.clusters(), [api]);
  return (
    <>
      <PageHeader title="Clusters" />
      <PolledView
        polled={clusters}
        what="clusters"
        empty={
          <Empty title="No cluster has registered yet">
            <p>
              An infrastructure provider creates a cluster token; a cluster orchestrator started
              with it registers and appears here.
            </p>
          </Empty>
        }
      >
        {(data) => (
          <DataTable
            columns={[
              'Cluster',
              'State',
              'Location',
              'Workers',
              'CPU in use',
              'Memory in use',
              'Cores / GPUs',
              'Runs',
            ]}
          >
            {data.map((c) => {
              const id = oid(c._id);
              return (
                <tr key={id} data-cluster={c.cluster_name}>
                  <td data-label="Cluster">
                    <a href={`#/clusters/${id}`}>{c.cluster_name}</a>
                  </td>
                  <td data-label="State">
                    <ActiveBadge active={c.active} />
                  </td>
                  <td data-label="Location">{c.cluster_location || <span className="muted">—</span>}</td>
                  <td data-label="Workers">
                    {c.active_nodes ?? '—'}
                    {c.total_nodes != null && c.total_nodes !== c.active_nodes && (
                      <span className="muted"> of {c.total_nodes}</span>
                    )}
                  </td>
                  <td data-label="CPU in use">
                    <Bar
                      label={`CPU in use on ${c.cluster_name}`}
                      value={c.aggregated_cpu_percent}
                      max={100}
                      text={c.aggregated_cpu_percent == null ? '—' : `${Math.round(c.aggregated_cpu_percent)} %`}
                    />
                  </td>
                  <td data-label="Memory in use">
                    {c.free_memory_in_mb != null && c.memory_in_mb ? (
                      <Bar
                        label={`Memory in use on ${c.cluster_name}`}
                        value={c.memory_in_mb - c.free_memory_in_mb}
                        max={c.memory_in_mb}
                        text={`${gb(c.memory_in_mb - c.free_memory_in_mb)} of ${gb(c.memory_in_mb)}`}
                      />
                    ) : (
                      gb(c.memory_in_mb)
                    )}
                  </td>
                  <td data-label="Cores / GPUs">
                    {c.total_cpu_cores ?? '—'} / {c.total_gpu_cores ?? 0}
                  </td>
                  <td data-label="Runs">{c.virtualization?.join(', ') || '—'}</td>
                </tr>
              );
            })}
          </DataTable>
        )}
      </PolledView>
    </>
  );
}

/** A worker whose last report is older than this is shown as silent. */
const SILENT_MS = 30_000;

function memoryUse(w: Worker) {
  if (w.memory_total_mb == null || w.memory_free_mb == null) return { used: undefined, text: '—' };
  const used = w.memory_total_mb - w.memory_free_mb;
  return { used, text: `${gb(used)} of ${gb(w.memory_total_mb)}` };
}

export function ClusterPage({ id }: { id: string }) {
  const { api } = useApp();
  const clusters = usePoll(() => api.clusters(), [api]);
  const workers = usePoll(() => api.workers(id), [api, id]);
  const cluster = clusters.data?.find((c) => oid(c._id) === id);
  const now = Date.now();
  return (
    <>
      <PageHeader
        title={cluster ? cluster.cluster_name : 'Cluster'}
        crumbs={[{ href: '#/clusters', label: 'Clusters' }]}
      />
      {cluster && (
        <dl className="facts">
          <div>
            <dt>State</dt>
            <dd>
              <ActiveBadge active={cluster.active} />
            </dd>
          </div>
          <div>
            <dt>Location</dt>
            <dd>{cluster.cluster_location || '—'}</dd>
          </div>
          <div>
            <dt>Runs</dt>
            <dd>{cluster.virtualization?.join(', ') || '—'}</dd>
          </div>
          <div>
            <dt>Last report</dt>
            <dd>{cluster.last_report_at ? `${age(cluster.last_report_at, now)} ago` : '—'}</dd>
          </div>
          <div>
            <dt>Id</dt>
            <dd className="mono">{id}</dd>
          </div>
        </dl>
      )}
      <h2>Workers</h2>
      <PolledView
        polled={workers}
        what="workers"
        empty={
          <Empty title="No worker has joined this cluster">
            <p>Start a node engine with this cluster's join token; it appears here when it reports.</p>
          </Empty>
        }
      >
        {(data) => (
          <DataTable
            columns={['Worker', 'State', 'Arch', 'Runtimes', 'CPU', 'Memory', 'Last report']}
          >
            {data.map((w) => {
              const mem = memoryUse(w);
              const last = toMillis(w.last_report_at);
              const silent = last != null && now - last > SILENT_MS;
              return (
                <tr key={w.node_id} data-worker={w.name}>
                  <td data-label="Worker">
                    {w.name}
                    <div className="muted small mono">{w.node_id}</div>
                  </td>
                  <td data-label="State">
                    <ActiveBadge active={w.active} />
                  </td>
                  <td data-label="Arch">{w.arch ?? '—'}</td>
                  <td data-label="Runtimes">{w.runtimes?.join(', ') || '—'}</td>
                  <td data-label="CPU">
                    <Bar
                      label={`CPU of ${w.name}`}
                      value={w.cpu_percent}
                      max={100}
                      text={
                        w.cpu_percent == null
                          ? '—'
                          : `${Math.round(w.cpu_percent)} % of ${w.cores ?? '?'} cores`
                      }
                    />
                  </td>
                  <td data-label="Memory">
                    <Bar label={`Memory of ${w.name}`} value={mem.used} max={w.memory_total_mb} text={mem.text} />
                  </td>
                  <td data-label="Last report" className={silent ? 'warn' : undefined}>
                    {last == null ? '—' : `${age(last, now)} ago`}
                  </td>
                </tr>
              );
            })}
          </DataTable>
        )}
      </PolledView>
    </>
  );
}
