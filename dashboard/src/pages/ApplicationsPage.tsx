import { oid } from '../api';
import { ConfirmButton, Empty, ErrorBox, LiveNote, Loading, PageHeader } from '../components/common';
import { useApp } from '../context';
import { usePoll } from '../usePoll';

export function ApplicationsPage() {
  const { api } = useApp();
  const { data, error, loading, reload } = usePoll(() => api.applications(), [api]);
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
      <LiveNote error={error} hasData={data !== undefined} />
      {loading && !data ? (
        <Loading what="applications" />
      ) : !data ? (
        <ErrorBox error={error} context="Could not load the applications" />
      ) : data.length === 0 ? (
        <Empty title="No applications yet">
          <p>
            Register one from an SLA (the Oakestra v2.0 deployment descriptor): paste it or upload
            the JSON file.
          </p>
          <a className="button primary" href="#/applications/new">
            Create an application
          </a>
        </Empty>
      ) : (
        <div className="table-wrap">
          <table className="stack-on-phone">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Namespace</th>
                <th scope="col">Description</th>
                <th scope="col">Services</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
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
                      <ConfirmButton
                        small
                        label="Delete"
                        question={`Delete ${a.application_name} and undeploy all its instances?`}
                        confirmLabel="Yes, delete"
                        onConfirm={async () => {
                          await api.deleteApplication(id);
                          reload();
                        }}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
