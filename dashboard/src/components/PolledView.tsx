import type { ReactNode } from 'react';
import type { Polled } from '../usePoll';
import { ErrorBox, LiveNote, Loading } from './common';

/**
 * The states of polled data, the same on every page: loading until the first answer, the error
 * when there is no data at all, `empty` for an empty list, else the data. With `live` a failed
 * later poll is noted above the data it keeps showing.
 *
 * @param what what is loading, e.g. "users" or "the application" ("Could not load the users")
 */
export function PolledView<T>({
  polled,
  what,
  live = true,
  empty,
  children,
}: {
  polled: Polled<T>;
  what: string;
  live?: boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  const { data, error, loading } = polled;
  const noun = what.startsWith('the ') ? what : `the ${what}`;
  return (
    <>
      {live && <LiveNote error={error} hasData={data !== undefined} />}
      {loading && !data ? (
        <Loading what={what} />
      ) : !data ? (
        <ErrorBox error={error} context={`Could not load ${noun}`} />
      ) : empty !== undefined && Array.isArray(data) && data.length === 0 ? (
        empty
      ) : (
        children(data)
      )}
    </>
  );
}
