import { useState } from 'react';
import { age, oid, roleNames, ROLES } from '../api';
import { DataTable } from '../components/DataTable';
import { DeleteButton, Empty, ErrorBox, Field, PageHeader } from '../components/common';
import { PolledView } from '../components/PolledView';
import { TextField } from '../components/TextField';
import { useApp } from '../context';
import { useAction } from '../useAction';
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
  const { busy, error, run } = useAction(async (role: string) => {
    await api.updateUser(user, { roles: [role] });
    onSaved();
  });
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
        onChange={(e) => void run(e.target.value)}
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
  const users = usePoll(() => api.users(), [api]);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<string>('Application_Provider');
  const [created, setCreated] = useState('');
  const create = useAction(async () => {
    setCreated('');
    await api.registerUser({ name: name.trim(), email: email.trim(), password, roles: [role] });
    setCreated(name.trim());
    setName('');
    setEmail('');
    setPassword('');
    users.reload();
  });

  return (
    <>
      <PageHeader title="Users" />
      <PolledView polled={users} what="users" empty={<Empty title="No users" />}>
        {(data) => (
          <DataTable columns={['Name', 'Email', 'Role', 'Created']} actions>
            {data.map((u) => (
              <tr key={u.name} data-user={u.name}>
                <td data-label="Name">{u.name}</td>
                <td data-label="Email">{u.email || <span className="muted">—</span>}</td>
                <td data-label="Role">
                  <RoleSelect
                    user={u.name}
                    current={roleNames(u.roles)}
                    onSaved={users.reload}
                    self={u.name === session.claims.sub}
                  />
                </td>
                <td data-label="Created">{u.created_at ? `${age(u.created_at)} ago` : '—'}</td>
                <td data-label="Actions" className="actions">
                  {u.name === session.claims.sub ? (
                    <span className="muted small">you</span>
                  ) : (
                    <DeleteButton
                      small
                      question={`Delete user ${u.name}?`}
                      onDelete={async () => {
                        await api.deleteUser(u.name);
                        users.reload();
                      }}
                    />
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </PolledView>
      <section className="panel">
        <h2>Create a user</h2>
        <form className="form grid" onSubmit={create.submit}>
          <TextField label="User name" id="new-user-name" required value={name} onChange={setName} />
          <TextField
            label="Email"
            id="new-user-email"
            type="email"
            required
            value={email}
            onChange={setEmail}
          />
          <TextField
            label="Password"
            id="new-user-password"
            type="password"
            autoComplete="new-password"
            required
            value={password}
            onChange={setPassword}
          />
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
        <ErrorBox error={create.error} context="User not created" />
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
  const organizations = usePoll(() => api.organizations(), [api]);
  const [name, setName] = useState('');
  const create = useAction(async () => {
    await api.createOrganization(name.trim());
    setName('');
    organizations.reload();
  });

  return (
    <>
      <PageHeader title="Organizations" />
      <PolledView polled={organizations} what="organizations" empty={<Empty title="No organizations" />}>
        {(data) => (
          <DataTable columns={['Name', 'Members', 'Id']} actions>
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
                      <DeleteButton
                        small
                        question={`Delete organization ${o.name}?`}
                        onDelete={async () => {
                          await api.deleteOrganization(id);
                          organizations.reload();
                        }}
                      />
                    )}
                  </td>
                </tr>
              );
            })}
          </DataTable>
        )}
      </PolledView>
      <section className="panel">
        <h2>Create an organization</h2>
        <form className="form inline-form" onSubmit={create.submit}>
          <TextField
            label="Organization name"
            id="new-org-name"
            required
            value={name}
            onChange={setName}
          />
          <button type="submit" className="primary">
            Create
          </button>
        </form>
        <ErrorBox error={create.error} context="Organization not created" />
      </section>
    </>
  );
}
