import { useEffect, useState, type FormEvent } from 'react';
import { age, roleNames, type User } from '../api';
import { ErrorBox, Field, PageHeader } from '../components/common';
import { useApp } from '../context';

/** Who am I (token claims and the user record) and changing one's own password. */
export function AccountPage({ onLogout }: { onLogout: () => void }) {
  const { api, session } = useApp();
  const { claims } = session;
  const [user, setUser] = useState<User | null>(null);
  const [userError, setUserError] = useState<unknown>(null);
  const [oldPassword, setOld] = useState('');
  const [newPassword, setNew] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);

  useEffect(() => {
    api.user(claims.sub).then(setUser, setUserError);
  }, [api, claims.sub]);

  async function change(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    setError(null);
    try {
      await api.changePassword(claims.sub, oldPassword, newPassword);
      setOld('');
      setNew('');
      setRepeat('');
      setDone(true);
    } catch (err) {
      setError(err);
    }
  }

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
        <form className="form narrow" onSubmit={change}>
          <Field label="Current password" id="pw-old">
            <input id="pw-old" type="password" autoComplete="current-password" required value={oldPassword} onChange={(e) => setOld(e.target.value)} />
          </Field>
          <Field label="New password" id="pw-new">
            <input id="pw-new" type="password" autoComplete="new-password" required minLength={8} value={newPassword} onChange={(e) => setNew(e.target.value)} />
          </Field>
          <Field label="New password again" id="pw-repeat" error={mismatch ? 'The two new passwords differ.' : undefined}>
            <input id="pw-repeat" type="password" autoComplete="new-password" required value={repeat} onChange={(e) => setRepeat(e.target.value)} />
          </Field>
          <ErrorBox error={error} context="Password not changed" />
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
