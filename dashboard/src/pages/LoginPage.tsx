import { useState } from 'react';
import type { ApiClient } from '../api';
import { ErrorBox } from '../components/common';
import { TextField } from '../components/TextField';
import { useAction } from '../useAction';

/** Sign in with user, password and (optionally) organization; the token answer starts the session. */
export function LoginPage({ client, notice }: { client: ApiClient; notice?: string }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [organization, setOrganization] = useState('');
  // the session that starts replaces this page: the button stays disabled until then
  const login = useAction(() => client.login(username.trim(), password, organization), {
    stayBusy: true,
  });

  return (
    <main className="login-page">
      <form className="login-card" onSubmit={login.submit} aria-labelledby="login-title">
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
        <TextField
          label="User name"
          id="login-user"
          name="username"
          autoComplete="username"
          required
          value={username}
          onChange={setUsername}
        />
        <TextField
          label="Password"
          id="login-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={setPassword}
        />
        <TextField
          label="Organization"
          id="login-org"
          hint="Leave empty for your default organization (the admin's is “root”)."
          name="organization"
          autoComplete="organization"
          value={organization}
          onChange={setOrganization}
        />
        <ErrorBox error={login.error} context="Sign-in failed" />
        <button type="submit" className="primary wide" disabled={login.busy}>
          {login.busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
