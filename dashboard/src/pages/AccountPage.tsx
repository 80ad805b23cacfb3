import { useEffect, useState } from 'react';
import { age, roleNames, type User } from '../api';
import { ErrorBox, PageHeader } from '../components/common';
import { TextField } from '../components/TextField';
import { useApp } from '../context';
import { useAction } from '../useAction';

/** Who am I (token claims and the user record) and changing one's own password. */
export function AccountPage({ onLogout }: { onLogout: () => void }) {
  const { api, session } = useApp();
  const { claims } = session;
  const [user, setUser] = useState<User | null>(null);
  const [userError, setUserError] = useState<unknown>(null);
  const [oldPassword, setOld] = useState('');
  const [newPassword, setNew] = useState('');
  const [repeat, setRepeat] = useState('');
  const [done, setDone] = useState(false);

  useEffect(() => {
    api.user(claims.sub).then(setUser, setUserError);
  }, [api, claims.sub]);

  const change = useAction(async () => {
    setDone(false);
    await api.changePassword(claims.sub, oldPassword, newPassword);
    setOld('');
    setNew('');
    setRepeat('');
    setDone(true);
  });

  const mismatch = repeat !== '' && repeat !== newPassword;
  const roles = user ? roleNames(user.roles) : claims.roles;
  return (
    <>
      <PageHeader
        title="Your account"
        actions={
          <button type="button" onClick={onLogout}>
            Sign out
          </button>
        }
      />
      <dl className="facts">
        <div>
          <dt>User</dt>
          <dd>{claims.sub}</dd>
        </div>
        <div>
          <dt>Roles</dt>
          <dd>{roles.map((r) => r.replace(/_/g, ' ')).join(', ') || '—'}</dd>
        </div>
        <div>
          <dt>Organization</dt>
          <dd className="mono">{claims.organization ?? '—'}</dd>
        </div>
        <div>
          <dt>Email</dt>
          <dd>{user?.email ?? '—'}</dd>
        </div>
        <div>
          <dt>Member since</dt>
          <dd>{user?.created_at ? `${age(user.created_at)} ago` : '—'}</dd>
        </div>
        <div>
          <dt>Session renews</dt>
          <dd>automatically; this token expires {new Date(claims.exp * 1000).toLocaleTimeString()}</dd>
        </div>
      </dl>
      <ErrorBox error={userError} context="Could not load your user record" />
      <section className="panel">
        <h2>Change your password</h2>
        <form className="form narrow" onSubmit={change.submit}>
          <TextField
            label="Current password"
            id="pw-old"
            type="password"
            autoComplete="current-password"
            required
            value={oldPassword}
            onChange={setOld}
          />
          <TextField
            label="New password"
            id="pw-new"
            type="password"
            autoComplete="new-password"
            required
            minLength={8}
            value={newPassword}
            onChange={setNew}
          />
          <TextField
            label="New password again"
            id="pw-repeat"
            error={mismatch ? 'The two new passwords differ.' : undefined}
            type="password"
            autoComplete="new-password"
            required
            value={repeat}
            onChange={setRepeat}
          />
          <ErrorBox error={change.error} context="Password not changed" />
          {done && (
            <p className="ok-note" role="status">
              Password changed.
            </p>
          )}
          <div className="form-actions">
            <button type="submit" className="primary" disabled={mismatch}>
              Change password
            </button>
          </div>
        </form>
      </section>
    </>
  );
}
