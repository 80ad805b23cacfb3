import { useEffect, useState } from 'react';
import { oid, type Application } from '../api';
import { ErrorBox, Field, Loading, PageHeader } from '../components/common';
import { SlaEditor } from '../components/SlaEditor';
import { TextField } from '../components/TextField';
import { useApp } from '../context';
import { navigate } from '../router';
import { useAction } from '../useAction';
import { SAMPLE_SLA } from './sampleSla';

/** The id of the first created application, if the create answer names one. */
function createdId(body: unknown): string | undefined {
  const first = Array.isArray(body)
    ? body[0]
    : body && typeof body === 'object'
      ? ((body as Record<string, unknown>).applications as unknown[] | undefined)?.[0] ?? body
      : undefined;
  if (!first || typeof first !== 'object') return undefined;
  const o = first as Record<string, unknown>;
  const id = o._id ?? o.applicationID ?? o.app_id;
  if (typeof id === 'string') return id || undefined;
  if (id && typeof id === 'object' && typeof (id as { $oid?: unknown }).$oid === 'string') {
    return (id as { $oid: string }).$oid;
  }
  return undefined;
}

export function NewApplicationPage() {
  const { api } = useApp();
  return (
    <>
      <PageHeader
        title="New application"
        crumbs={[{ href: '#/applications', label: 'Applications' }]}
      />
      <p className="lead">
        Paste an SLA (Oakestra's <code>sla_version: "v2.0"</code> descriptor) or upload its JSON
        file. Every application and service in it is registered; instances are deployed from the
        service page.
      </p>
      <SlaEditor
        id="sla-text"
        label="SLA (JSON)"
        initialText={SAMPLE_SLA}
        submitLabel="Create"
        onCancel={() => navigate('/applications')}
        onSubmit={async (sla) => {
          const body = await api.createApplications(sla);
          const id = createdId(body);
          navigate(id ? `/applications/${id}` : '/applications');
        }}
      />
    </>
  );
}

export function EditApplicationPage({ id }: { id: string }) {
  const { api } = useApp();
  const [app, setApp] = useState<Application | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [name, setName] = useState('');
  const [namespace, setNamespace] = useState('');
  const [desc, setDesc] = useState('');
  // saving goes back to the application: the button stays disabled until then
  const save = useAction(
    async () => {
      await api.updateApplication(id, {
        application_name: name,
        application_namespace: namespace,
        application_desc: desc,
      });
      navigate(`/applications/${id}`);
    },
    { stayBusy: true },
  );
  const error = save.error;

  useEffect(() => {
    let live = true;
    api.application(id).then(
      (a) => {
        if (!live) return;
        setApp(a);
        setName(a.application_name);
        setNamespace(a.application_namespace);
        setDesc(a.application_desc ?? '');
      },
      (e) => live && setLoadError(e),
    );
    return () => {
      live = false;
    };
  }, [api, id]);

  const fieldError = (field: string) =>
    error && typeof error === 'object' && 'violations' in error
      ? (error as { violations: { path: string; reason: string }[] }).violations.find((v) =>
          v.path.endsWith(field),
        )?.reason
      : undefined;

  return (
    <>
      <PageHeader
        title={app ? `Edit ${app.application_name}` : 'Edit application'}
        crumbs={[
          { href: '#/applications', label: 'Applications' },
          ...(app ? [{ href: `#/applications/${oid(app._id)}`, label: app.application_name }] : []),
        ]}
      />
      {loadError ? (
        <ErrorBox error={loadError} context="Could not load the application" />
      ) : !app ? (
        <Loading what="the application" />
      ) : (
        <form className="form narrow" onSubmit={save.submit}>
          <TextField
            label="Name"
            id="app-name"
            hint="1–30 letters or digits"
            error={fieldError('application_name')}
            required
            maxLength={30}
            value={name}
            onChange={setName}
          />
          <TextField
            label="Namespace"
            id="app-ns"
            hint="1–30 letters or digits"
            error={fieldError('application_namespace')}
            required
            maxLength={30}
            value={namespace}
            onChange={setNamespace}
          />
          <Field label="Description" id="app-desc" error={fieldError('application_desc')}>
            <textarea id="app-desc" rows={3} value={desc} onChange={(e) => setDesc(e.target.value)} />
          </Field>
          <ErrorBox error={error} context="Not saved" />
          <div className="form-actions">
            <button type="submit" className="primary" disabled={save.busy}>
              {save.busy ? 'Saving…' : 'Save'}
            </button>
            <a className="button" href={`#/applications/${id}`}>
              Cancel
            </a>
          </div>
        </form>
      )}
    </>
  );
}
