import { createContext, useContext } from 'react';
import type { CanopyApi, Session } from './api';

export interface AppContextValue {
  api: CanopyApi;
  session: Session;
}

export const AppContext = createContext<AppContextValue | null>(null);

/** The API and the signed-in session; only pages behind the login use it. */
export function useApp(): AppContextValue {
  const v = useContext(AppContext);
  if (!v) throw new Error('useApp outside the signed-in part of the app');
  return v;
}
