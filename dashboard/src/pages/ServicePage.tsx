import { useEffect, useState } from 'react';
import { fullName, oid, serviceIp, type Application } from '../api';
import { DeleteButton, Empty, ErrorBox, PageHeader } from '../components/common';
import { InstanceTable } from '../components/InstanceTable';
import { LogsPanel } from '../components/LogsPanel';
import { PolledView } from '../components/PolledView';
import { useApp } from '../context';
import { navigate } from '../router';
import { useAction } from '../useAction';
import { usePoll } from '../usePoll';

export function ServicePage({ id }: { id: string }) {
  const { api } = useApp();
  const svc = usePoll(() => api.service(id), [api, id]);
  const [app, setApp] = useState<Application | null>(null);
  const [clusterNames, setClusterNames] = useState<Map<string, string>>(new Map());
  const [logsOf, setLogsOf] = useState<number | null>(null);
  const [showGone, setShowGone] = useState(false);
  const s = svc.data;
  const appId = s?.applicationID;

  useEffect(() => {
    if (!appId) return;
    api.application(appId).then(setApp, () => setApp(null));
  }, [api, appId]);

  useEffect(() => {
    // Names only make the table friendlier; without them it shows cluster ids.
    api.clusters().then(
      (cs) => setClusterNames(new Map(cs.map((c) => [oid(c._id), c.cluster_name]))),
      () => undefined,
    );
  }, [api]);

  const deploy = useAction(async () => {
    await api.deployInstance(id);
    svc.reload();
  });

  const all = s?.instance_list ?? [];
  const gone = all.filter((i) => i.status?.toUpperCase() === 'UNDEPLOYED');
  const shown = showGone ? all : all.filter((i) => i.status?.toUpperCase() !== 'UNDEPLOYED');
  const crumbs = [{ href: '#/applications', label: 'Applications' }];
  if (appId) crumbs.push({ href: `#/applications/${appId}`, label: app?.application_name ?? 'Application' });

  return (
    <>
      <PageHeader
        title={s ? <span className="mono">{fullName(s, app)}</span> : 'Service'}
        crumbs={crumbs}
        actions={
          s && (
            <>
              <button type="button" className="primary" onClick={() => void deploy.run()} disabled={deploy.busy}>
                {deploy.busy ? 'Deploying…' : 'Deploy one more instance'}
              </button>
              <DeleteButton
                label="Delete service"
                question={`Delete ${s.microservice_name} and its instances?`}
                onDelete={async () => {
                  await api.deleteService(id);
                  navigate(appId ? `/applications/${appId}` : '/applications');
                }}
              />
            </>
          )
        }
      />
      <ErrorBox error={deploy.error} context="Could not deploy" />
      <PolledView polled={svc} what="the service">
        {(s) => (
          <>
            <dl className="facts">
              <div>
                <dt>Service IP</dt>
                <dd className="mono">{serviceIp(s) ?? '—'}</dd>
              </div>
              <div>
                <dt>Image / code</dt>
                <dd className="mono wrap">{s.code ?? '—'}</dd>
              </div>
              <div>
                <dt>Virtualization</dt>
                <dd>{s.virtualization ?? '—'}</dd>
              </div>
              <div>
                <dt>Resources</dt>
                <dd>
                  {s.vcpus ?? 0} vCPU · {s.memory ?? 0} MB{s.vgpus ? ` · ${s.vgpus} GPU` : ''}
                </dd>
              </div>
              <div>
                <dt>Ports</dt>
                <dd className="mono">{s.port || '—'}</dd>
              </div>
            </dl>
            <div className="section-head">
              <h2>Instances</h2>
              {gone.length > 0 && (
                <label className="check">
                  <input type="checkbox" checked={showGone} onChange={(e) => setShowGone(e.target.checked)} />
                  Show undeployed ({gone.length})
                </label>
              )}
            </div>
            {shown.length === 0 ? (
              <Empty title="No instances">
                <p>This service is registered but nothing runs. “Deploy one more instance” starts one.</p>
              </Empty>
            ) : (
              <InstanceTable
                instances={shown}
                servicePorts={s.port}
                clusterNames={clusterNames}
                selectedLogs={logsOf}
                onLogs={(n) => setLogsOf(logsOf === n ? null : n)}
                onUndeploy={async (n) => {
                  await api.undeployInstance(id, n);
                  if (logsOf === n) setLogsOf(null);
                  svc.reload();
                }}
              />
            )}
            {logsOf !== null && (
              <LogsPanel serviceId={id} instanceNumber={logsOf} onClose={() => setLogsOf(null)} />
            )}
          </>
        )}
      </PolledView>
    </>
  );
}
