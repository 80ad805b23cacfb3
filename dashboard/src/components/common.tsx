import { useState, type ReactNode } from 'react';
import { ApiError, displayPath, stateTone } from '../api';
import { useAction } from '../useAction';

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" /> Loading {what}…
    </p>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty-title">{title}</p>
      {children && <div className="empty-body">{children}</div>}
    </div>
  );
}

/** What went wrong, in words: the problem's title and detail, plus what a person can do. */
export function ErrorBox({ error, context }: { error: unknown; context?: string }) {
  if (!error) return null;
  const e =
    error instanceof ApiError
      ? error
      : new ApiError({ status: -1, title: 'Something went wrong', detail: String(error) });
  const hint =
    e.status === 0
      ? 'Check that the root orchestrator is running; the page retries by itself.'
      : e.status === 403
        ? 'Your account does not have the role this needs.'
        : e.status === 404
          ? 'It may have been deleted.'
          : '';
  return (
    <div className="error" role="alert">
      <p className="error-title">
        {context ? `${context}: ` : ''}
        {e.title}
      </p>
      {e.detail && e.detail.toLowerCase() !== e.title.toLowerCase() && (
        <p className="error-detail">{e.detail}</p>
      )}
      {e.violations.length > 0 && (
        <ul className="error-list">
          {e.violations.map((v, k) => (
            <li key={k}>
              {v.path && <code>{displayPath(v.path)}</code>} {v.reason}
            </li>
          ))}
        </ul>
      )}
      {hint && <p className="error-hint">{hint}</p>}
    </div>
  );
}

export function StateBadge({ status }: { status: string | null | undefined }) {
  const tone = stateTone(status);
  return (
    <span className={`badge tone-${tone}`} data-tone={tone}>
      {status || 'UNKNOWN'}
    </span>
  );
}

/** A horizontal bar for a share of a whole (CPU %, memory used). */
export function Bar({
  label,
  value,
  max,
  text,
}: {
  label: string;
  value: number | undefined;
  max: number | undefined;
  text: string;
}) {
  const pct =
    value == null || !max || max <= 0 ? null : Math.max(0, Math.min(100, (value / max) * 100));
  const tone = pct == null ? 'unknown' : pct >= 90 ? 'bad' : pct >= 70 ? 'pending' : 'ok';
  return (
    <div className="bar" title={`${label}: ${text}`}>
      <div
        className="bar-track"
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct == null ? undefined : Math.round(pct)}
      >
        <div className={`bar-fill tone-${tone}`} style={{ width: `${pct ?? 0}%` }} />
      </div>
      <span className="bar-text">{text}</span>
    </div>
  );
}

/**
 * A button that asks before it acts: the first click shows "Yes, …" and "Cancel" beside the
 * question, so a destructive action always takes two deliberate clicks.
 */
export function ConfirmButton({
  label,
  question,
  confirmLabel,
  onConfirm,
  danger = true,
  small = false,
}: {
  label: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => Promise<unknown> | void;
  danger?: boolean;
  small?: boolean;
}) {
  const [asking, setAsking] = useState(false);
  const { busy, error, run } = useAction(onConfirm);
  const cls = `${danger ? 'danger' : ''} ${small ? 'small' : ''}`.trim();
  if (!asking) {
    return (
      <span className="confirm">
        <button type="button" className={cls} onClick={() => setAsking(true)}>
          {label}
        </button>
        {error ? <ErrorBox error={error} /> : null}
      </span>
    );
  }
  return (
    <span className="confirm asking" role="group" aria-label={question}>
      <span className="confirm-question">{question}</span>
      <button
        type="button"
        className={cls}
        disabled={busy}
        onClick={async () => {
          await run();
          setAsking(false);
        }}
      >
        {busy ? 'Working…' : confirmLabel}
      </button>
      <button type="button" className={small ? 'small' : ''} onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}

/** Delete with the two-click confirmation; `question` says what goes with it. */
export function DeleteButton({
  question,
  onDelete,
  label = 'Delete',
  small = false,
}: {
  question: string;
  onDelete: () => Promise<unknown>;
  label?: string;
  small?: boolean;
}) {
  return (
    <ConfirmButton
      small={small}
      label={label}
      question={question}
      confirmLabel="Yes, delete"
      onConfirm={onDelete}
    />
  );
}

/** A labelled form field; `hint` and `error` sit under the input. */
export function Field({
  label,
  id,
  hint,
  error,
  children,
}: {
  label: string;
  id: string;
  hint?: string;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className={`field ${error ? 'has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && <p className="field-hint">{hint}</p>}
      {error && <p className="field-error">{error}</p>}
    </div>
  );
}

export function PageHeader({
  title,
  crumbs,
  actions,
}: {
  title: ReactNode;
  crumbs?: { href: string; label: string }[];
  actions?: ReactNode;
}) {
  return (
    <header className="page-header">
      {crumbs && crumbs.length > 0 && (
        <nav className="crumbs" aria-label="Breadcrumb">
          {crumbs.map((c) => (
            <span key={c.href}>
              <a href={c.href}>{c.label}</a> <span aria-hidden="true">/</span>{' '}
            </span>
          ))}
        </nav>
      )}
      <div className="page-title-row">
        <h1>{title}</h1>
        {actions && <div className="page-actions">{actions}</div>}
      </div>
    </header>
  );
}

/** Shows "updating…" problems of a live page without hiding the data it already has. */
export function LiveNote({ error, hasData }: { error: unknown; hasData: boolean }) {
  if (!error || !hasData) return null;
  const e = error instanceof ApiError ? error : null;
  return (
    <p className="live-note" role="status">
      Live updates paused: {e ? e.title : String(error)}. Retrying every 2 seconds.
    </p>
  );
}
