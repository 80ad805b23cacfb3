import { oid } from '../api';
import { DataTable } from '../components/DataTable';
import { DeleteButton, Empty, PageHeader } from '../components/common';
import { PolledView } from '../components/PolledView';
import { useApp } from '../context';
import { usePoll } from '../usePoll';

export function ApplicationsPage() {
  const { api } = useApp();
  const applications = usePoll(() => api.applications(), [api]);
  return (
    <>
      <PageHeader
        title="Applications"
        actions={
          <a className="button primary" href="#/applications/new">
            New application
          </a>
        }
      />
      <PolledView
        polled={applications}
        what="applications"
        empty={
          <Empty title="No applications yet">
            <p>
              Register one from an SLA (the Oakestra v2.0 deployment descriptor): paste it or upload
              the JSON file.
            </p>
            <a className="button primary" href="#/applications/new">
              Create an application
            </a>
          </Empty>
        }
      >
        {(data) => (
          <DataTable columns={['Name', 'Namespace', 'Description', 'Services']} actions>
            {data.map((a) => {
              const id = oid(a._id);
              return (
                <tr key={id} data-app={a.application_name}>
                  <td data-label="Name">
                    <a href={`#/applications/${id}`}>{a.application_name}</a>
                  </td>
                  <td data-label="Namespace">{a.application_namespace}</td>
                  <td data-label="Description">
                    {a.application_desc || <span className="muted">—</span>}
                  </td>
                  <td data-label="Services">{a.microservices?.length ?? '—'}</td>
                  <td data-label="Actions" className="actions">
                    <a className="button small" href={`#/applications/${id}/edit`}>
                      Edit
                    </a>
                    <DeleteButton
                      small
                      question={`Delete ${a.application_name} and undeploy all its instances?`}
                      onDelete={async () => {
                        await api.deleteApplication(id);
                        applications.reload();
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
