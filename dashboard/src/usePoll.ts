import { useCallback, useEffect, useRef, useState } from 'react';

export const POLL_MS = 2_000;

export interface Polled<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads now and again every `intervalMs` while the tab is visible, so states and resources
 * change on screen without a reload. A failed poll keeps the last data and shows the error;
 * calls never overlap. `deps` restart it (another id).
 */
export function usePoll<T>(
  load: () => Promise<T>,
  deps: unknown[],
  intervalMs: number = POLL_MS,
): Polled<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const loadRef = useRef(load);
  loadRef.current = load;
  const busy = useRef(false);
  const generation = useRef(0);

  const run = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    const gen = generation.current;
    try {
      const v = await loadRef.current();
      if (gen === generation.current) {
        setData(v);
        setError(null);
      }
    } catch (e) {
      if (gen === generation.current) setError(e);
    } finally {
      busy.current = false;
      if (gen === generation.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    generation.current++;
    busy.current = false;
    setData(undefined);
    setError(null);
    setLoading(true);
    void run();
    if (intervalMs <= 0) return;
    const t = setInterval(() => {
      if (typeof document === 'undefined' || document.visibilityState !== 'hidden') void run();
    }, intervalMs);
    return () => clearInterval(t);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  return { data, error, loading, reload: () => void run() };
}
