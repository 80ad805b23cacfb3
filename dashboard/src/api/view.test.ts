import { describe, expect, it } from 'vitest';
import { age, countByState, fullName, hostPorts, isSchedulingFailure, serviceIp, stateTone } from './view';
import type { Instance, Service } from './types';

const inst = (p: Partial<Instance>): Instance => ({ instance_number: 0, status: 'RUNNING', ...p });

describe('view helpers', () => {
  it.each([
    ['RUNNING', 'ok'],
    ['CREATING', 'pending'],
    ['NODE_SCHEDULED', 'pending'],
    ['REQUESTED', 'pending'],
    ['FAILED', 'bad'],
    ['DEAD', 'bad'],
    ['UNSCHEDULABLE', 'bad'],
    ['NO_ACTIVE_CLUSTER_WITH_CAPACITY', 'bad'],
    ['COMPLETED', 'done'],
    ['UNDEPLOYED', 'gone'],
    ['SOMETHING_NEW', 'unknown'],
  ])('%s is %s', (s, tone) => expect(stateTone(s)).toBe(tone));

  it('formats host ports from objects, numbers and SLA strings', () => {
    expect(hostPorts(inst({ host_ports: [{ host_port: 8080, container_port: 80, protocol: 'tcp' }] }))).toEqual(['8080→80/tcp']);
    expect(hostPorts(inst({ host_ports: [9000] }))).toEqual(['9000']);
    expect(hostPorts(inst({ host_ports: '80:80/tcp;5353:53/udp' }))).toEqual(['80→80/tcp', '5353→53/udp']);
    expect(hostPorts(inst({ host_ports: null }))).toEqual([]);
  });

  it('tells a scheduling failure from a running instance', () => {
    expect(isSchedulingFailure(inst({ status: 'NO_WORKER_CAPACITY' }))).toBe(true);
    expect(isSchedulingFailure(inst({ status: 'REQUESTED', rejections: [{ candidateId: 'c', reason: 'r' }] }))).toBe(true);
    expect(isSchedulingFailure(inst({ status: 'RUNNING' }))).toBe(false);
  });

  it('names a service fully and finds its address', () => {
    const s = { _id: 'x', microservice_name: 'nginx', microservice_namespace: 'test' } as Service;
    expect(fullName(s)).toBe('nginx.test');
    expect(fullName(s, { _id: 'a', application_name: 'clientsrvr', application_namespace: 'test' })).toBe('clientsrvr.test.nginx.test');
    expect(serviceIp({ ...s, addresses: { rr_ip: '10.30.55.55' } })).toBe('10.30.55.55');
    expect(serviceIp({ ...s, service_ip: '10.30.0.7', addresses: { rr_ip: '10.30.55.55' } })).toBe('10.30.0.7');
  });

  it('gives ages from ISO text, epoch seconds and milliseconds', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    expect(age('2026-01-01T11:59:30Z', now)).toBe('30 s');
    expect(age(now / 1000 - 300, now)).toBe('5 min');
    expect(age(now - 3 * 3600_000, now)).toBe('3 h');
    expect(age(null, now)).toBe('—');
  });

  it('counts instances per state in lifecycle order, leaving undeployed ones out', () => {
    const list = ['FAILED', 'RUNNING', 'UNDEPLOYED', 'RUNNING', 'CREATING'].map((status) => inst({ status }));
    expect(countByState(list)).toEqual([
      ['RUNNING', 2],
      ['CREATING', 1],
      ['FAILED', 1],
    ]);
  });
});
