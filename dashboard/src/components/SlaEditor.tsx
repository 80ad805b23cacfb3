import { useMemo, useRef, useState } from 'react';
import { ApiError, displayPath, type Violation } from '../api';
import { ErrorBox } from './common';
import { lineOf, locate } from './jsonLocate';
import { useAction } from '../useAction';

const LINE_PX = 20;

export interface SlaEditorProps {
  id: string;
  label: string;
  initialText: string;
  submitLabel: string;
  /** Posts the parsed document; an ApiError with violations is shown against the text. */
  onSubmit: (document: unknown) => Promise<void>;
  onCancel?: () => void;
}

/** FileReader rather than File.text(): the former works in every browser (and in jsdom). */
function readText(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result ?? ''));
    r.onerror = () => reject(r.error ?? new Error('The file could not be read'));
    r.readAsText(file);
  });
}

interface Marked extends Violation {
  line?: number;
}

/**
 * A JSON editor for SLAs: paste or upload, send, and see each violation the API reports next to
 * the line of the field it names (a marker in the line gutter and a list that jumps there).
 */
export function SlaEditor({ id, label, initialText, submitLabel, onSubmit, onCancel }: SlaEditorProps) {
  const [text, setText] = useState(initialText);
  const send = useAction(() => onSubmit(JSON.parse(text)));
  const { error, busy } = send;
  const area = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLDivElement>(null);

  const located = useMemo(() => locate(text), [text]);
  const lineCount = text.split('\n').length;
  const violations: Marked[] = useMemo(() => {
    // Placed in the current text, so the markers follow the fields while the user fixes them.
    if (!(error instanceof ApiError)) return [];
    return error.violations.map((v) => ({ ...v, line: lineOf(located, v.path) }));
  }, [error, located]);
  const byLine = new Map<number, Marked[]>();
  for (const v of violations) {
    if (v.line !== undefined) byLine.set(v.line, [...(byLine.get(v.line) ?? []), v]);
  }
  const syntaxLine = located.syntaxError?.line;

  function jumpTo(line: number) {
    const ta = area.current;
    if (!ta) return;
    const lines = text.split('\n');
    const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
    ta.focus();
    ta.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
    ta.scrollTop = Math.max(0, (line - 4) * LINE_PX);
  }

  function submit() {
    if (!located.syntaxError) void send.run();
  }

  async function upload(file: File | undefined) {
    if (!file) return;
    setText(await readText(file));
    send.clearError();
  }

  const apiError = error instanceof ApiError ? error : null;
  return (
    <div className="sla-editor">
      <div className="sla-toolbar">
        <label htmlFor={id} className="sla-label">
          {label}
        </label>
        <label className="file-button">
          Upload JSON file…
          <input
            type="file"
            accept="application/json,.json"
            aria-label="Upload an SLA file"
            onChange={(e) => void upload(e.target.files?.[0])}
          />
        </label>
      </div>
      <div className="code-box">
        <div className="gutter" ref={gutter} aria-hidden="true">
          {Array.from({ length: lineCount }, (_, k) => {
            const n = k + 1;
            const marks = byLine.get(n);
            const bad = !!marks || n === syntaxLine;
            return (
              <div
                key={n}
                className={bad ? 'gutter-line bad' : 'gutter-line'}
                title={marks ? marks.map((m) => m.reason).join('\n') : undefined}
              >
                {bad ? '● ' : ''}
                {n}
              </div>
            );
          })}
        </div>
        <textarea
          id={id}
          ref={area}
          className="code"
          spellCheck={false}
          value={text}
          aria-invalid={violations.length > 0 || !!located.syntaxError}
          aria-describedby={`${id}-problems`}
          onChange={(e) => setText(e.target.value)}
          onScroll={(e) => {
            if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
          }}
        />
      </div>
      <div id={`${id}-problems`} aria-live="polite">
        {located.syntaxError && text.trim() !== '' && (
          <p className="field-error">
            Not valid JSON at line {located.syntaxError.line}: {located.syntaxError.message}.
          </p>
        )}
        {violations.length > 0 && (
          <div className="violations" role="alert">
            <p className="error-title">
              {apiError?.title ?? 'The SLA is not valid'} — {violations.length} problem
              {violations.length === 1 ? '' : 's'}
            </p>
            {apiError?.detail && <p className="error-detail">{apiError.detail}</p>}
            <ul>
              {violations.map((v, k) => (
                <li key={k} className="violation" data-path={displayPath(v.path)}>
                  {v.line !== undefined ? (
                    <button type="button" className="link small" onClick={() => jumpTo(v.line!)}>
                      line {v.line}
                    </button>
                  ) : (
                    <span className="muted">not in the text</span>
                  )}{' '}
                  <code>{displayPath(v.path)}</code> <span className="reason">{v.reason}</span>
                </li>
              ))}
            </ul>
          </div>
        )}
        {error && violations.length === 0 ? <ErrorBox error={error} /> : null}
      </div>
      <div className="form-actions">
        <button
          type="button"
          className="primary"
          disabled={busy || !!located.syntaxError}
          onClick={submit}
        >
          {busy ? 'Sending…' : submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </div>
  );
}
