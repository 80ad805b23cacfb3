import { useEffect, useMemo, useState } from 'react';
import { ApiClient, CanopyApi, isAdmin, type Session } from './api';
import { AppContext } from './context';
import { AccountPage } from './pages/AccountPage';
import { OrganizationsPage, UsersPage } from './pages/AdminPages';
import { ApplicationPage } from './pages/ApplicationPage';
import { EditApplicationPage, NewApplicationPage } from './pages/ApplicationFormPages';
import { ApplicationsPage } from './pages/ApplicationsPage';
import { ClusterPage, ClustersPage } from './pages/ClusterPages';
import { LoginPage } from './pages/LoginPage';
import { ServicePage } from './pages/ServicePage';
import { Empty } from './components/common';
import { match, navigate, useRoute } from './router';

function Page({ path, admin, onLogout }: { path: string; admin: boolean; onLogout: () => void }) {
  let m: Record<string, string> | null;
  if (path === '/' || path === '/applications') return <ApplicationsPage />;
  if (path === '/applications/new') return <NewApplicationPage />;
  if ((m = match('/applications/:id/edit', path))) return <EditApplicationPage key={m.id} id={m.id} />;
  if ((m = match('/applications/:id', path))) return <ApplicationPage key={m.id} id={m.id} />;
  if ((m = match('/services/:id', path))) return <ServicePage key={m.id} id={m.id} />;
  if (path === '/clusters') return <ClustersPage />;
  if ((m = match('/clusters/:id', path))) return <ClusterPage key={m.id} id={m.id} />;
  if (path === '/account') return <AccountPage onLogout={onLogout} />;
  if (admin && path === '/users') return <UsersPage />;
  if (admin && path === '/organizations') return <OrganizationsPage />;
  return (
    <Empty title="There is no such page">
      <a href="#/applications">Go to the applications</a>
    </Empty>
  );
}

export function App({ client }: { client: ApiClient }) {
  const api = useMemo(() => new CanopyApi(client), [client]);
  const [session, setSession] = useState<Session | null>(client.current());
  const [notice, setNotice] = useState<string | undefined>();
  const path = useRoute();

  useEffect(
    () =>
      client.onSession((s, why) => {
        setSession(s);
        if (why === 'expired') setNotice('Your session has ended. Please sign in again.');
        if (why === 'logout') setNotice('You are signed out.');
        if (why === 'login') setNotice(undefined);
      }),
    [client],
  );

  if (!session) return <LoginPage client={client} notice={notice} />;

  const admin = isAdmin(session.claims);
  const logout = () => {
    client.logout();
    navigate('/applications');
  };
  const section = path.split('/')[1] || 'applications';
  const nav = [
    { href: '#/applications', key: ['applications', 'services'], label: 'Applications' },
    { href: '#/clusters', key: ['clusters'], label: 'Clusters' },
    ...(admin
      ? [
          { href: '#/users', key: ['users'], label: 'Users' },
          { href: '#/organizations', key: ['organizations'], label: 'Organizations' },
        ]
      : []),
  ];
  return (
    <AppContext.Provider value={{ api, session }}>
      <div className="shell">
        <header className="topbar">
          <a className="brand" href="#/applications">
            <span className="brand-mark" aria-hidden="true" />
            Canopy
          </a>
          <nav className="mainnav" aria-label="Main">
            {nav.map((n) => (
              <a key={n.href} href={n.href} aria-current={n.key.includes(section) ? 'page' : undefined}>
                {n.label}
              </a>
            ))}
          </nav>
          <div className="who">
            <a href="#/account" aria-current={section === 'account' ? 'page' : undefined} title="Your account">
              {session.claims.sub}
            </a>
            <button type="button" className="small" onClick={logout}>
              Sign out
            </button>
          </div>
        </header>
        <main className="content">
          <Page path={path} admin={admin} onLogout={logout} />
        </main>
      </div>
    </AppContext.Provider>
  );
}
