import type { ReactNode } from 'react';

/**
 * A table that scrolls sideways on narrow screens and turns into cards on phones (each cell
 * carries its `data-label`). `actions` adds a last column whose heading only screen readers hear.
 */
export function DataTable({
  columns,
  actions = false,
  className,
  children,
}: {
  columns: string[];
  actions?: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className="table-wrap">
      <table className={className ? `stack-on-phone ${className}` : 'stack-on-phone'}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
            {actions && (
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
