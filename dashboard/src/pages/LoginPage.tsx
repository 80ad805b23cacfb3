import { useState, type FormEvent } from 'react';
import type { ApiClient } from '../api';
import { ErrorBox, Field } from '../components/common';

/** Sign in with user, password and (optionally) organization; the token answer starts the session. */
export function LoginPage({ client, notice }: { client: ApiClient; notice?: string }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [organization, setOrganization] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await client.login(username.trim(), password, organization);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <main className="login-page">
      <form className="login-card" onSubmit={submit} aria-labelledby="login-title">
        <div className="brand big">
          <span className="brand-mark" aria-hidden="true" />
          Canopy
        </div>
        <h1 id="login-title">Sign in</h1>
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        <Field label="User name" id="login-user">
          <input
            id="login-user"
            name="username"
            autoComplete="username"
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </Field>
        <Field label="Password" id="login-password">
          <input
            id="login-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>
        <Field
          label="Organization"
          id="login-org"
          hint="Leave empty for your default organization (the admin's is “root”)."
        >
          <input
            id="login-org"
            name="organization"
            autoComplete="organization"
            value={organization}
            onChange={(e) => setOrganization(e.target.value)}
          />
        </Field>
        <ErrorBox error={error} context="Sign-in failed" />
        <button type="submit" className="primary wide" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
