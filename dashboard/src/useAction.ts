import { useState, type FormEvent } from 'react';

export interface Action<A extends unknown[]> {
  busy: boolean;
  /** What the last run threw; cleared when the next run starts. */
  error: unknown;
  /** Runs the action; true when it succeeded. */
  run: (...args: A) => Promise<boolean>;
  /** A form's onSubmit: no page reload, then the action without arguments. */
  submit: (e: FormEvent) => void;
  /** Forgets the error, e.g. when what it was about is replaced. */
  clearError: () => void;
}

/**
 * One call a person starts (a form, a button): `busy` while it runs, `error` when it failed,
 * shown next to what started it. With `stayBusy` the control stays disabled after success, for
 * actions that leave the page (sign-in, save and go back) so it cannot be sent twice.
 */
export function useAction<A extends unknown[]>(
  action: (...args: A) => Promise<unknown> | unknown,
  { stayBusy = false }: { stayBusy?: boolean } = {},
): Action<A> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function run(...args: A): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      await action(...args);
      if (!stayBusy) setBusy(false);
      return true;
    } catch (e) {
      setError(e);
      setBusy(false);
      return false;
    }
  }

  return {
    busy,
    error,
    run,
    submit: (e: FormEvent) => {
      e.preventDefault();
      void (run as () => Promise<boolean>)();
    },
    clearError: () => setError(null),
  };
}
