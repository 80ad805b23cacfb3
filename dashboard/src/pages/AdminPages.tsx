import { useState, type FormEvent } from 'react';
import { age, oid, roleNames, ROLES } from '../api';
import { ConfirmButton, Empty, ErrorBox, Field, LiveNote, Loading, PageHeader } from '../components/common';
import { useApp } from '../context';
import { usePoll } from '../usePoll';

const roleLabel = (r: string) => r.replace(/_/g, ' ');

function RoleSelect({
  user,
  current,
  onSaved,
  self,
}: {
  user: string;
  current: string[];
  onSaved: () => void;
  self: boolean;
}) {
  const { api } = useApp();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const id = `role-${user}`;
  return (
    <div className="inline-form">
      <label htmlFor={id} className="sr-only">
        Role of {user}
      </label>
      <select
        id={id}
        value={current[0] ?? ''}
        // Changing one's own role could lock the last admin out; another admin does that.
        disabled={busy || self}
        title={self ? 'Your own role is changed by another admin' : undefined}
        onChange={async (e) => {
          setBusy(true);
          setError(null);
          try {
            await api.updateUser(user, { roles: [e.target.value] });
            onSaved();
          } catch (err) {
            setError(err);
          } finally {
            setBusy(false);
          }
        }}
      >
        {current[0] && !ROLES.includes(current[0] as (typeof ROLES)[number]) && (
          <option value={current[0]}>{current[0]}</option>
        )}
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {roleLabel(r)}
          </option>
        ))}
      </select>
      {current.length > 1 && <span className="muted small">+{current.length - 1} more</span>}
      <ErrorBox error={error} context="Role not changed" />
    </div>
  );
}

export function UsersPage() {
  const { api, session } = useApp();
  const { data, error, loading, reload } = usePoll(() => api.users(), [api]);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<string>('Application_Provider');
  const [createError, setCreateError] = useState<unknown>(null);
  const [created, setCreated] = useState('');

  async function create(e: FormEvent) {
    e.preventDefault();
    setCreateError(null);
    setCreated('');
    try {
      await api.registerUser({ name: name.trim(), email: email.trim(), password, roles: [role] });
      setCreated(name.trim());
      setName('');
      setEmail('');
      setPassword('');
      reload();
    } catch (err) {
      setCreateError(err);
    }
  }

  return (
    <>
      <PageHeader title="Users" />
      <LiveNote error={error} hasData={data !== undefined} />
      {loading && !data ? (
        <Loading what="users" />
      ) : !data ? (
        <ErrorBox error={error} context="Could not load the users" />
      ) : data.length === 0 ? (
        <Empty title="No users" />
      ) : (
        <div className="table-wrap">
          <table className="stack-on-phone">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Created</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.map((u) => (
                <tr key={u.name} data-user={u.name}>
                  <td data-label="Name">{u.name}</td>
                  <td data-label="Email">{u.email || <span className="muted">—</span>}</td>
                  <td data-label="Role">
                    <RoleSelect
                      user={u.name}
                      current={roleNames(u.roles)}
                      onSaved={reload}
                      self={u.name === session.claims.sub}
                    />
                  </td>
                  <td data-label="Created">{u.created_at ? `${age(u.created_at)} ago` : '—'}</td>
                  <td data-label="Actions" className="actions">
                    {u.name === session.claims.sub ? (
                      <span className="muted small">you</span>
                    ) : (
                      <ConfirmButton
                        small
                        label="Delete"
                        question={`Delete user ${u.name}?`}
                        confirmLabel="Yes, delete"
                        onConfirm={async () => {
                          await api.deleteUser(u.name);
                          reload();
                        }}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section className="panel">
        <h2>Create a user</h2>
        <form className="form grid" onSubmit={create}>
          <Field label="User name" id="new-user-name">
            <input id="new-user-name" required value={name} onChange={(e) => setName(e.target.value)} />
          </Field>
          <Field label="Email" id="new-user-email">
            <input id="new-user-email" type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
          </Field>
          <Field label="Password" id="new-user-password">
            <input
              id="new-user-password"
              type="password"
              autoComplete="new-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          </Field>
          <Field label="Role" id="new-user-role">
            <select id="new-user-role" value={role} onChange={(e) => setRole(e.target.value)}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {roleLabel(r)}
                </option>
              ))}
            </select>
          </Field>
          <div className="form-actions">
            <button type="submit" className="primary">
              Create user
            </button>
          </div>
        </form>
        <ErrorBox error={createError} context="User not created" />
        {created && (
          <p className="ok-note" role="status">
            User {created} created.
          </p>
        )}
      </section>
    </>
  );
}

export function OrganizationsPage() {
  const { api } = useApp();
  const { data, error, loading, reload } = usePoll(() => api.organizations(), [api]);
  const [name, setName] = useState('');
  const [createError, setCreateError] = useState<unknown>(null);

  async function create(e: FormEvent) {
    e.preventDefault();
    setCreateError(null);
    try {
      await api.createOrganization(name.trim());
      setName('');
      reload();
    } catch (err) {
      setCreateError(err);
    }
  }

  return (
    <>
      <PageHeader title="Organizations" />
      <LiveNote error={error} hasData={data !== undefined} />
      {loading && !data ? (
        <Loading what="organizations" />
      ) : !data ? (
        <ErrorBox error={error} context="Could not load the organizations" />
      ) : data.length === 0 ? (
        <Empty title="No organizations" />
      ) : (
        <div className="table-wrap">
          <table className="stack-on-phone">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Members</th>
                <th scope="col">Id</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.map((o) => {
                const id = oid(o._id);
                return (
                  <tr key={id} data-org={o.name}>
                    <td data-label="Name">{o.name}</td>
                    <td data-label="Members">{o.member?.length ?? 0}</td>
                    <td data-label="Id" className="mono small">
                      {id}
                    </td>
                    <td data-label="Actions" className="actions">
                      {o.name === 'root' ? (
                        <span className="muted small">built in</span>
                      ) : (
                        <ConfirmButton
                          small
                          label="Delete"
                          question={`Delete organization ${o.name}?`}
                          confirmLabel="Yes, delete"
                          onConfirm={async () => {
                            await api.deleteOrganization(id);
                            reload();
                          }}
                        />
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <section className="panel">
        <h2>Create an organization</h2>
        <form className="form inline-form" onSubmit={create}>
          <Field label="Organization name" id="new-org-name">
            <input id="new-org-name" required value={name} onChange={(e) => setName(e.target.value)} />
          </Field>
          <button type="submit" className="primary">
            Create
          </button>
        </form>
        <ErrorBox error={createError} context="Organization not created" />
      </section>
    </>
  );
}
