import { useEffect, useRef, useState } from 'react';
import { useApp } from '../context';
import { usePoll } from '../usePoll';
import { ErrorBox, Field } from './common';

/** The last N log lines of one instance; refreshed on demand (logs can be large). */
export function LogsPanel({
  serviceId,
  instanceNumber,
  onClose,
}: {
  serviceId: string;
  instanceNumber: number;
  onClose: () => void;
}) {
  const { api } = useApp();
  const [lines, setLines] = useState(100);
  const { data, error, loading, reload } = usePoll(
    () => api.logs(serviceId, instanceNumber, lines),
    [serviceId, instanceNumber, lines],
    0,
  );
  const pre = useRef<HTMLPreElement>(null);
  // The newest lines are at the end: show them first, like `tail`.
  useEffect(() => {
    if (pre.current) pre.current.scrollTop = pre.current.scrollHeight;
  }, [data]);
  const id = `logs-lines-${instanceNumber}`;
  return (
    <section className="panel logs" aria-label={`Logs of instance ${instanceNumber}`}>
      <div className="panel-head">
        <h2>Logs of instance {instanceNumber}</h2>
        <div className="inline-form">
          <Field label="Last lines" id={id}>
            <select id={id} value={lines} onChange={(e) => setLines(Number(e.target.value))}>
              {[50, 100, 500, 1000].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </Field>
          <button type="button" onClick={reload} disabled={loading}>
            Refresh
          </button>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
      {error ? <ErrorBox error={error} context="Could not read the logs" /> : null}
      {loading && data === undefined ? (
        <p className="muted">Reading logs…</p>
      ) : data !== undefined && data.trim() === '' ? (
        <p className="muted">This instance has written no output yet.</p>
      ) : data !== undefined ? (
        <pre className="log-text" tabIndex={0} ref={pre}>
          {data}
        </pre>
      ) : null}
    </section>
  );
}
