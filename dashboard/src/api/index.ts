export { ApiClient, sessionTokenStore } from './client';
export type { Session, TokenStore, ClientOptions } from './client';
export { CanopyApi } from './canopy';
export { ApiError, problemFrom, pathSegments, displayPath } from './problem';
export { decodeClaims, isAdmin } from './jwt';
export { oid, roleNames } from './ids';
export * from './types';
export * from './view';
