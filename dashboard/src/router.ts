import { useEffect, useState } from 'react';

// A hash router: the root serves one index.html at /, and hash routes need no server rules.

function current(): string {
  const h = window.location.hash.replace(/^#/, '');
  return h.startsWith('/') ? h : '/' + h;
}

export function navigate(path: string): void {
  window.location.hash = path;
}

/** The current route path, e.g. `/services/abc`; re-renders on every hash change. */
export function useRoute(): string {
  const [path, setPath] = useState(current);
  useEffect(() => {
    const on = () => setPath(current());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return path;
}

/** Matches `/services/:id` against a path; returns the parameters or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const s = path.split('?')[0].split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let k = 0; k < p.length; k++) {
    if (p[k].startsWith(':')) params[p[k].slice(1)] = decodeURIComponent(s[k]);
    else if (p[k] !== s[k]) return null;
  }
  return params;
}
