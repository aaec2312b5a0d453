import type { UserRole } from '../../models/accounts/user-model';

/** What a guarding middleware asks of a caller before the route's handler runs. */
export type RouteGuard = { requires: 'session' } | { requires: 'role'; roles: readonly UserRole[] } | { requires: 'metrics-token' };

const guards = new WeakMap<object, RouteGuard>();

/**
 * Tags a middleware with the check it makes, so that the API document shows who may call each route from the
 * guards the route really runs: the access a route documents cannot drift from the access it enforces.
 */
export function guardedBy<Handler extends object>(handler: Handler, guard: RouteGuard): Handler {
  guards.set(handler, guard);
  return handler;
}

export function guardOf(handler: unknown): RouteGuard | undefined {
  return typeof handler === 'function' ? guards.get(handler) : undefined;
}
