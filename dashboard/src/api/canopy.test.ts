import { describe, expect, it } from 'vitest';
import { CanopyApi } from './canopy';
import { ApiClient } from './client';
import { fakeFetch, makeJwt, memoryStore, type Call } from '../testing/jwt';

function apiWith(handler: Parameters<typeof fakeFetch>[0]) {
  const store = memoryStore();
  store.save({ token: makeJwt({ sub: 'Admin', roles: ['Admin'], exp: 4_000_000_000 }), refresh_token: 'r' });
  const { fetch, calls } = fakeFetch(handler);
  return { api: new CanopyApi(new ApiClient({ fetch, store })), calls };
}

const line = (c: Call) => `${c.method} ${c.url}`;

describe('CanopyApi', () => {
  it('uses Oakestra paths for the instance actions', async () => {
    const { api, calls } = apiWith(() => ({ body: {} }));
    await api.deployInstance('65f0a1b2c3d4e5f601234567');
    await api.undeployInstance('65f0a1b2c3d4e5f601234567', 2);
    await api.service('65f0a1b2c3d4e5f601234567');
    await api.services('app1');
    await api.deleteApplication('app1');
    expect(calls.map(line)).toEqual([
      'POST /api/service/65f0a1b2c3d4e5f601234567/instance',
      'DELETE /api/service/65f0a1b2c3d4e5f601234567/instance/2',
      'GET /api/service/65f0a1b2c3d4e5f601234567',
      'GET /api/services/app1',
      'DELETE /api/application/app1',
    ]);
    expect(calls[0].body).toBe('{}');
  });

  it('asks for the last N log lines and reads plain text or JSON answers', async () => {
    const answers = ['a\nb\n', JSON.stringify({ logs: 'x\ny' }), JSON.stringify(['p', 'q']), '[INFO] started'];
    const { api, calls } = apiWith(() => ({ body: answers.shift(), contentType: 'text/plain' }));
    expect(await api.logs('s1', 0, 50)).toBe('a\nb\n');
    expect(await api.logs('s1', 0, 50)).toBe('x\ny');
    expect(await api.logs('s1', 0, 50)).toBe('p\nq');
    expect(await api.logs('s1', 0, 50)).toBe('[INFO] started');
    expect(calls[0].url).toBe('/api/service/s1/instance/0/logs?lines=50');
  });

  it('accepts lists as bare arrays or wrapped in an object', async () => {
    const answers: unknown[] = [[{ cluster_name: 'a' }], { clusters: [{ cluster_name: 'b' }] }, { nothing: 1 }];
    const { api } = apiWith(() => ({ body: answers.shift() }));
    expect((await api.clusters()).map((c) => c.cluster_name)).toEqual(['a']);
    expect((await api.clusters()).map((c) => c.cluster_name)).toEqual(['b']);
    expect(await api.clusters()).toEqual([]);
  });

  it('registers users and changes passwords with Oakestra bodies', async () => {
    const { api, calls } = apiWith(() => ({ body: {} }));
    await api.registerUser({ name: 'ann', email: 'a@x', password: 'secret123', roles: ['Application_Provider'] });
    await api.changePassword('ann', 'old', 'new');
    await api.updateUser('ann', { roles: ['Admin'] });
    await api.workers('c 1');
    expect(calls.map(line)).toEqual([
      'POST /api/auth/register',
      'POST /api/user/ann',
      'PUT /api/user/ann',
      'GET /api/clusters/c%201/workers',
    ]);
    expect(JSON.parse(calls[1].body!)).toEqual({ oldPassword: 'old', newPassword: 'new' });
    expect(JSON.parse(calls[0].body!).roles).toEqual(['Application_Provider']);
  });

  it("reads instances in Canopy's spelling (worker_*, candidate_*) as the pages expect them", async () => {
    const { api } = apiWith(() => ({
      body: {
        _id: { $oid: '65f0a1b2c3d4e5f601234567' },
        microservice_name: 'nginx',
        microservice_namespace: 'test',
        job_name: 'clientsrvr.test.nginx.test',
        service_ip: '10.30.0.2',
        instance_list: [
          {
            instance_number: 0,
            status: 'NO_ACTIVE_CLUSTER_WITH_CAPACITY',
            state: 'UNSCHEDULABLE',
            scheduling_failure: 'NO_ACTIVE_CLUSTER_WITH_CAPACITY',
            rejections: [{ candidate_id: 'c1', candidate_name: 'lab', reason: 'needs 1 GPU, has 0' }],
          },
          { instance_number: 1, status: 'RUNNING', worker_id: 'n1', worker_name: 'worker-a', cluster_name: 'lab' },
        ],
      },
    }));
    const s = await api.service('65f0a1b2c3d4e5f601234567');
    expect(s.instance_list![0].rejections).toEqual([{ candidateId: 'c1', candidateName: 'lab', reason: 'needs 1 GPU, has 0' }]);
    expect(s.instance_list![0].reason).toBe('NO_ACTIVE_CLUSTER_WITH_CAPACITY');
    expect(s.instance_list![1]).toMatchObject({ node_id: 'n1', node_name: 'worker-a', cluster_name: 'lab' });
  });
});
