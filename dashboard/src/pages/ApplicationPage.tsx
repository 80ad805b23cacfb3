import { useState } from 'react';
import { countByState, fullName, oid, serviceIp, type Application } from '../api';
import { DataTable } from '../components/DataTable';
import { DeleteButton, Empty, PageHeader, StateBadge } from '../components/common';
import { PolledView } from '../components/PolledView';
import { SlaEditor } from '../components/SlaEditor';
import { useApp } from '../context';
import { navigate } from '../router';
import { usePoll } from '../usePoll';

function addServicesTemplate(app: Application, id: string): string {
  return JSON.stringify(
    {
      sla_version: 'v2.0',
      customerID: app.userId ?? '',
      applications: [
        {
          applicationID: id,
          application_name: app.application_name,
          application_namespace: app.application_namespace,
          application_desc: app.application_desc ?? '',
          microservices: [
            {
              microserviceID: '',
              microservice_name: 'web',
              microservice_namespace: 'test',
              virtualization: 'container',
              cmd: [],
              memory: 100,
              vcpus: 1,
              code: 'docker.io/library/nginx:latest',
              port: '',
            },
          ],
        },
      ],
    },
    null,
    2,
  );
}

export function ApplicationPage({ id }: { id: string }) {
  const { api } = useApp();
  const app = usePoll(() => api.application(id), [api, id]);
  const services = usePoll(() => api.services(id), [api, id]);
  const [adding, setAdding] = useState(false);
  const a = app.data;
  return (
    <>
      <PageHeader
        title={a ? a.application_name : 'Application'}
        crumbs={[{ href: '#/applications', label: 'Applications' }]}
        actions={
          a && (
            <>
              <button type="button" onClick={() => setAdding(!adding)} aria-expanded={adding}>
                Add services
              </button>
              <a className="button" href={`#/applications/${id}/edit`}>
                Edit
              </a>
              <DeleteButton
                question={`Delete ${a.application_name} and undeploy all its instances?`}
                onDelete={async () => {
                  await api.deleteApplication(id);
                  navigate('/applications');
                }}
              />
            </>
          )
        }
      />
      <PolledView polled={app} what="the application" live={false}>
        {(a) => (
          <dl className="facts">
            <div>
              <dt>Namespace</dt>
              <dd>{a.application_namespace}</dd>
            </div>
            <div>
              <dt>Description</dt>
              <dd>{a.application_desc || <span className="muted">—</span>}</dd>
            </div>
            <div>
              <dt>Id</dt>
              <dd className="mono">{oid(a._id)}</dd>
            </div>
          </dl>
        )}
      </PolledView>
      {adding && a && (
        <section className="panel">
          <h2>Add services from an SLA</h2>
          <SlaEditor
            id="add-services-sla"
            label="SLA with this application's applicationID"
            initialText={addServicesTemplate(a, id)}
            submitLabel="Add services"
            onCancel={() => setAdding(false)}
            onSubmit={async (sla) => {
              await api.addServices(sla);
              setAdding(false);
              services.reload();
            }}
          />
        </section>
      )}
      <h2>Services</h2>
      <PolledView
        polled={services}
        what="services"
        empty={
          <Empty title="This application has no services">
            <p>Add services from an SLA with the button above.</p>
          </Empty>
        }
      >
        {(data) => (
          <DataTable
            columns={['Service', 'Service IP', 'Virtualization', 'Resources', 'Instances']}
            actions
          >
            {data.map((s) => {
              const sid = oid(s._id);
              const counts = countByState(s.instance_list);
              return (
                <tr key={sid} data-service={s.microservice_name}>
                  <td data-label="Service">
                    <a href={`#/services/${sid}`} className="mono">
                      {fullName(s, a)}
                    </a>
                  </td>
                  <td data-label="Service IP" className="mono">
                    {serviceIp(s) ?? <span className="muted">—</span>}
                  </td>
                  <td data-label="Virtualization">{s.virtualization ?? '—'}</td>
                  <td data-label="Resources">
                    {s.vcpus ?? 0} vCPU · {s.memory ?? 0} MB
                    {s.vgpus ? ` · ${s.vgpus} GPU` : ''}
                  </td>
                  <td data-label="Instances">
                    {counts.length === 0 ? (
                      <span className="muted">none deployed</span>
                    ) : (
                      <span className="counts">
                        {counts.map(([state, n]) => (
                          <span key={state} className="count">
                            {n} × <StateBadge status={state} />
                          </span>
                        ))}
                      </span>
                    )}
                  </td>
                  <td data-label="Actions" className="actions">
                    <DeleteButton
                      small
                      question={`Delete ${s.microservice_name} and its instances?`}
                      onDelete={async () => {
                        await api.deleteService(sid);
                        services.reload();
                      }}
                    />
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
