import type { Claims } from './types';

function base64UrlDecode(s: string): string {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/');
  const padded = b64 + '='.repeat((4 - (b64.length % 4)) % 4);
  const bin = atob(padded);
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/**
 * Reads the claims of a JWT without checking its signature: the dashboard only needs `exp` to
 * plan the refresh and `sub`/`roles` to shape the menu; the server checks every request.
 * Returns null for anything that is not a JWT with a numeric `exp`.
 */
export function decodeClaims(token: string): Claims | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const raw = JSON.parse(base64UrlDecode(parts[1])) as Record<string, unknown>;
    if (typeof raw.exp !== 'number') return null;
    const roles = Array.isArray(raw.roles)
      ? raw.roles.map((r) =>
          typeof r === 'string' ? r : String((r as { name?: unknown })?.name ?? ''),
        )
      : typeof raw.roles === 'string'
        ? [raw.roles]
        : [];
    return {
      sub: typeof raw.sub === 'string' ? raw.sub : '',
      roles: roles.filter((r) => r.length > 0),
      organization: typeof raw.organization === 'string' ? raw.organization : undefined,
      exp: raw.exp,
    };
  } catch {
    return null;
  }
}

/** Whether the roles include the platform administrator (Oakestra's `Admin`; `ADMIN` tolerated). */
export function isAdmin(claims: Claims | null): boolean {
  return !!claims?.roles.some((r) => r.toLowerCase() === 'admin');
}
