import { fireEvent, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { ApiClient } from './api';
import { App } from './App';
import { fakeFetch, makeJwt, memoryStore } from './testing/jwt';

const exp = Math.floor(Date.now() / 1000) + 600;
const adminToken = makeJwt({ sub: 'Admin', roles: ['Admin'], organization: 'o1', exp });
const providerToken = makeJwt({ sub: 'ann', roles: ['Application_Provider'], exp });

beforeEach(() => {
  window.location.hash = '#/applications';
});

describe('App', () => {
  it('signs in and shows the applications', async () => {
    const { fetch, calls } = fakeFetch((c) => {
      if (c.url === '/api/auth/login') return { body: { token: adminToken, refresh_token: 'r.r.r' } };
      if (c.url === '/api/applications/')
        return {
          body: [
            {
              _id: { $oid: '65f0a1b2c3d4e5f601234567' },
              application_name: 'clientsrvr',
              application_namespace: 'test',
              application_desc: 'curl and nginx',
              userId: 'Admin',
            },
          ],
        };
      return { status: 404, body: {} };
    });
    render(<App client={new ApiClient({ fetch, store: memoryStore() })} />);

    fireEvent.change(screen.getByLabelText('User name'), { target: { value: 'Admin' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'secret' } });
    fireEvent.change(screen.getByLabelText('Organization'), { target: { value: 'root' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    const link = await screen.findByRole('link', { name: 'clientsrvr' });
    expect(link).toHaveAttribute('href', '#/applications/65f0a1b2c3d4e5f601234567');
    expect(screen.getByRole('link', { name: 'Users' })).toBeInTheDocument();
    expect(calls[1].headers.Authorization).toBe(`Bearer ${adminToken}`);
  });

  it('hides the admin pages from other roles', async () => {
    const store = memoryStore();
    store.save({ token: providerToken, refresh_token: 'r.r.r' });
    const { fetch } = fakeFetch(() => ({ body: [] }));
    render(<App client={new ApiClient({ fetch, store })} />);
    expect(await screen.findByText('No applications yet')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Users' })).toBeNull();
    expect(screen.getByRole('link', { name: 'ann' })).toBeInTheDocument();
  });

  it('goes back to the login with a notice when the refresh is refused', async () => {
    const store = memoryStore();
    store.save({ token: adminToken, refresh_token: 'r.r.r' });
    const { fetch } = fakeFetch(() => ({ status: 401, body: { title: 'Token expired' } }));
    render(<App client={new ApiClient({ fetch, store })} />);
    expect(await screen.findByText('Your session has ended. Please sign in again.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeInTheDocument();
    expect(store.get()).toBeNull();
  });

  it('shows the server’s problem when the sign-in fails', async () => {
    const { fetch } = fakeFetch(() => ({
      status: 429,
      contentType: 'application/problem+json',
      body: { title: 'Too many failed sign-ins', detail: 'Try again in 30 seconds.' },
    }));
    render(<App client={new ApiClient({ fetch, store: memoryStore() })} />);
    fireEvent.change(screen.getByLabelText('User name'), { target: { value: 'Admin' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Sign-in failed: Too many failed sign-ins');
    expect(alert).toHaveTextContent('Try again in 30 seconds.');
  });
});
