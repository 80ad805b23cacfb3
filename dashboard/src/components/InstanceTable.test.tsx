import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Instance } from '../api';
import { InstanceTable } from './InstanceTable';

const now = Date.parse('2026-01-01T12:00:00Z');
const instances: Instance[] = [
  {
    instance_number: 0,
    status: 'RUNNING',
    cluster_id: 'c1',
    cluster_location: 'lab',
    node_id: 'n1',
    node_name: 'worker-1',
    instance_ip: '10.18.0.5',
    publicip: '192.0.2.10',
    host_ports: [{ host_port: 8080, container_port: 80, protocol: 'tcp' }],
    created_at: '2026-01-01T11:55:00Z',
  },
  { instance_number: 1, status: 'CREATING', cluster_id: 'c1', node_name: 'worker-1' },
  {
    instance_number: 2,
    status: 'UNSCHEDULABLE',
    reason: 'NO_ACTIVE_CLUSTER_WITH_CAPACITY',
    rejections: [
      { candidateId: 'c1', candidateName: 'lab', reason: 'needs 4096 MB memory, 1024 MB free' },
      { candidateId: 'c2', candidateName: 'edge', reason: 'inactive since 5 min' },
    ],
  },
  { instance_number: 3, status: 'FAILED', reason: 'image canopy-test/nope not found', node_name: 'worker-1' },
];

const row = (n: number) => document.querySelector(`tr[data-instance="${n}"]`) as HTMLElement;

describe('InstanceTable', () => {
  it('colours each state by its meaning', () => {
    render(<InstanceTable instances={instances} now={now} />);
    const tone = (n: number) => within(row(n)).getByText(instances[n].status).getAttribute('data-tone');
    expect(tone(0)).toBe('ok');
    expect(tone(1)).toBe('pending');
    expect(tone(2)).toBe('bad');
    expect(tone(3)).toBe('bad');
  });

  it('shows where a running instance is, with cluster names, addresses, ports and age', () => {
    render(<InstanceTable instances={instances} now={now} clusterNames={new Map([['c1', 'lab-cluster']])} />);
    const r = row(0);
    expect(r).toHaveTextContent('lab-cluster');
    expect(r).toHaveTextContent('worker-1');
    expect(r).toHaveTextContent('10.18.0.5');
    expect(r).toHaveTextContent('192.0.2.10:8080→80/tcp');
    expect(r).toHaveTextContent('5 min');
  });

  it('shows the latest CPU and memory of a running instance, nothing for the others', () => {
    const measured: Instance[] = [
      {
        ...instances[0],
        cpu_history: [
          { timestamp: '2026-01-01T11:59:58Z', value: 3 },
          { timestamp: '2026-01-01T12:00:00Z', value: 12.46 },
        ],
        memory_history: [
          { timestamp: '2026-01-01T11:59:58Z', value: 1 },
          { timestamp: '2026-01-01T12:00:00Z', value: 1.21 },
        ],
      },
      { ...instances[1], cpu_history: [], memory_history: [] },
    ];
    render(<InstanceTable instances={measured} now={now} />);
    const usage = (n: number) => row(n).querySelector('td[data-label="Usage"]') as HTMLElement;
    expect(usage(0)).toHaveTextContent('12.5 % CPU');
    expect(usage(0)).toHaveTextContent('1.2 MB');
    expect(usage(1)).toHaveTextContent('—');
  });

  it('explains a negative scheduling result with every candidate’s rejection', () => {
    render(<InstanceTable instances={instances} now={now} />);
    const list = screen.getByRole('list', { name: 'Why each candidate was rejected' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((i) => i.textContent)).toEqual([
      'lab (c1): needs 4096 MB memory, 1024 MB free',
      'edge (c2): inactive since 5 min',
    ]);
    const detail = row(2).nextElementSibling as HTMLElement;
    expect(detail).toHaveTextContent('Could not be placed: NO_ACTIVE_CLUSTER_WITH_CAPACITY');
  });

  it('shows the reason of a failed instance but no detail for a healthy one', () => {
    render(<InstanceTable instances={instances} now={now} />);
    expect(row(3).nextElementSibling).toHaveTextContent('Reason: image canopy-test/nope not found');
    expect(row(0).nextElementSibling).toBe(row(1));
  });

  it('undeploys only after confirmation', async () => {
    const onUndeploy = vi.fn().mockResolvedValue(undefined);
    render(<InstanceTable instances={instances} now={now} onUndeploy={onUndeploy} />);
    fireEvent.click(within(row(1)).getByRole('button', { name: 'Undeploy' }));
    expect(onUndeploy).not.toHaveBeenCalled();
    const ask = within(row(1)).getByRole('group', { name: 'Undeploy instance 1?' });
    fireEvent.click(within(ask).getByRole('button', { name: 'Yes, undeploy' }));
    await waitFor(() => expect(onUndeploy).toHaveBeenCalledWith(1));
  });

  it('cancelling the confirmation does nothing', () => {
    const onUndeploy = vi.fn();
    render(<InstanceTable instances={instances} now={now} onUndeploy={onUndeploy} />);
    fireEvent.click(within(row(0)).getByRole('button', { name: 'Undeploy' }));
    fireEvent.click(within(row(0)).getByRole('button', { name: 'Cancel' }));
    expect(onUndeploy).not.toHaveBeenCalled();
    expect(within(row(0)).getByRole('button', { name: 'Undeploy' })).toBeInTheDocument();
  });

  it('offers logs only for instances that reached a worker', () => {
    const onLogs = vi.fn();
    render(<InstanceTable instances={instances} now={now} onLogs={onLogs} />);
    expect(within(row(2)).queryByRole('button', { name: 'Logs' })).toBeNull();
    fireEvent.click(within(row(3)).getByRole('button', { name: 'Logs' }));
    expect(onLogs).toHaveBeenCalledWith(3);
  });

  it('falls back to the service ports, the cluster name and the time in state', () => {
    const canopy: Instance[] = [
      { instance_number: 5, status: 'RUNNING', cluster_name: 'lab', node_name: 'w', publicip: '192.0.2.9', updated_at: '2026-01-01T11:59:50Z' },
    ];
    render(<InstanceTable instances={canopy} now={now} servicePorts="18080:80/tcp" />);
    expect(row(5)).toHaveTextContent('lab');
    expect(row(5)).toHaveTextContent('192.0.2.9:18080→80/tcp');
    expect(row(5)).toHaveTextContent('10 s in state');
  });
});
