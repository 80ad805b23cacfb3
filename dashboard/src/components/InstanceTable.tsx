import type { Instance, Rejection } from '../api';
import { age, hostPorts, isSchedulingFailure, latestUsage } from '../api';
import { ConfirmButton, StateBadge } from './common';
import { DataTable } from './DataTable';

/** Why each candidate was turned down, one line per cluster or worker. */
export function RejectionList({ rejections }: { rejections: Rejection[] }) {
  if (rejections.length === 0) return null;
  return (
    <ul className="rejections" aria-label="Why each candidate was rejected">
      {rejections.map((r, k) => (
        <li key={`${r.candidateId}-${k}`}>
          <strong>{r.candidateName || r.candidateId}</strong>
          {r.candidateName && r.candidateId && r.candidateName !== r.candidateId && (
            <span className="muted"> ({r.candidateId})</span>
          )}
          : {r.reason}
        </li>
      ))}
    </ul>
  );
}

export interface InstanceTableProps {
  instances: Instance[];
  /** The service's SLA `port` mapping, shown for running instances whose own list is absent. */
  servicePorts?: string;
  clusterNames?: Map<string, string>;
  now?: number;
  onUndeploy?: (instanceNumber: number) => Promise<unknown>;
  onLogs?: (instanceNumber: number) => void;
  selectedLogs?: number | null;
}

/** The instances of one service: state in colour, where each runs, and why one could not. */
export function InstanceTable({
  instances,
  servicePorts,
  clusterNames,
  now = Date.now(),
  onUndeploy,
  onLogs,
  selectedLogs,
}: InstanceTableProps) {
  return (
    <DataTable
      className="instances"
      columns={['#', 'State', 'Cluster', 'Worker', 'Instance IP', 'Host ports', 'Usage', 'Age']}
      actions
    >
      {instances.map((i) => {
        const own = hostPorts(i);
        const running = i.status?.toUpperCase() === 'RUNNING';
        const ports =
          own.length === 0 && running && servicePorts
            ? hostPorts({ ...i, host_ports: servicePorts })
            : own;
        const failed = isSchedulingFailure(i);
        const usage = latestUsage(i);
        const cluster =
          i.cluster_name || (i.cluster_id ? (clusterNames?.get(i.cluster_id) ?? i.cluster_id) : null);
        const rows = [
          <tr
            key={i.instance_number}
            data-instance={i.instance_number}
            data-status={i.status}
            className={failed ? 'has-detail' : undefined}
          >
            <td data-label="#">{i.instance_number}</td>
            <td data-label="State">
              <StateBadge status={i.status} />
            </td>
            <td data-label="Cluster">
              {cluster ?? <span className="muted">—</span>}
              {i.cluster_location && <div className="muted small">{i.cluster_location}</div>}
            </td>
            <td data-label="Worker">
              {i.node_name || i.node_id || <span className="muted">—</span>}
            </td>
            <td data-label="Instance IP" className="mono">
              {i.instance_ip || <span className="muted">—</span>}
            </td>
            <td data-label="Host ports" className="mono">
              {ports.length === 0 ? (
                <span className="muted">none</span>
              ) : (
                ports.map((p) => (
                  <div key={p}>
                    {i.publicip ? `${i.publicip}:` : ''}
                    {p}
                  </div>
                ))
              )}
            </td>
            <td data-label="Usage" title="latest sample of the worker: CPU (100 % = one core), memory">
              {usage ? (
                <>
                  <div>{usage.cpuPercent.toFixed(1)} % CPU</div>
                  <div>{usage.memoryMb.toFixed(1)} MB</div>
                </>
              ) : (
                <span className="muted">—</span>
              )}
            </td>
            <td data-label="Age">
              {i.created_at != null ? (
                age(i.created_at, now)
              ) : i.updated_at != null ? (
                <span title="time since the last state change">
                  {age(i.updated_at, now)} in state
                </span>
              ) : (
                '—'
              )}
            </td>
            <td data-label="Actions" className="actions">
              {onLogs && (i.node_id || i.node_name) && (
                <button
                  type="button"
                  className="small"
                  aria-pressed={selectedLogs === i.instance_number}
                  onClick={() => onLogs(i.instance_number)}
                >
                  Logs
                </button>
              )}
              {onUndeploy && (
                <ConfirmButton
                  small
                  label="Undeploy"
                  question={`Undeploy instance ${i.instance_number}?`}
                  confirmLabel="Yes, undeploy"
                  onConfirm={() => onUndeploy(i.instance_number)}
                />
              )}
            </td>
          </tr>,
        ];
        if (failed || (i.reason && !running)) {
          rows.push(
            <tr key={`${i.instance_number}-detail`} className="detail-row">
              <td colSpan={9}>
                <div className={failed ? 'reason bad' : 'reason'}>
                  <span className="reason-label">
                    {failed ? 'Could not be placed' : 'Reason'}:
                  </span>{' '}
                  {i.reason || i.status}
                </div>
                <RejectionList rejections={i.rejections ?? []} />
              </td>
            </tr>,
          );
        }
        return rows;
      })}
    </DataTable>
  );
}
