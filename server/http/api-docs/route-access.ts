import type { Application } from 'express';

import { userRoles, type UserRole } from '../../../models/accounts/user-model';
import { guardOf, type RouteGuard } from '../route-guards';

/** Who may call a route, as its guards decide: anyone, a signed-in user of some roles, or the metrics scraper. */
export type RouteAccess = { kind: 'public' } | { kind: 'session'; roles: readonly UserRole[] } | { kind: 'metrics-token' };

export interface ServedRoute {
  method: string;
  path: string;
  access: RouteAccess;
}

/** The parts of Express 5's router layers read here (the `router` package: `match` has no side effect). */
interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean>; stack: Layer[] };
  handle?: { stack?: Layer[] };
  match(path: string): { path: string } | false;
}

/**
 * Every route the application serves, with the access its guards enforce. A route's guards are those of the
 * middleware Express runs before its handler: each mounted middleware whose path matches (in any router mounted
 * before it, as Express goes through them in order) and the route's own middleware.
 */
export function servedRoutes(app: Application): ServedRoute[] {
  const root = (app as unknown as { router: { stack: Layer[] } }).router.stack;
  return routesOf(root).map(({ method, path }) => ({ method, path, access: accessOf(guardsBefore(root, method, path, []) ?? []) }));
}

function routesOf(stack: Layer[]): Array<{ method: string; path: string }> {
  return stack.flatMap((layer) => {
    if (layer.route) {
      const methods = Object.keys(layer.route.methods).filter((name) => name !== '_all');
      return [layer.route.path].flat().flatMap((path) => methods.map((method) => ({ method: method.toUpperCase(), path })));
    }
    return layer.handle?.stack ? routesOf(layer.handle.stack) : [];
  });
}

/** The guards run before the route's handler, or null when the route is not in this stack (guards met are kept). */
function guardsBefore(stack: Layer[], method: string, path: string, met: RouteGuard[]): RouteGuard[] | null {
  for (const layer of stack) {
    if (layer.route) {
      if ([layer.route.path].flat().includes(path) && layer.route.methods[method.toLowerCase()]) {
        return [...met, ...guardsOf(layer.route.stack)];
      }
      continue;
    }
    const matched = layer.match(path);
    if (!matched) continue;
    if (layer.handle?.stack) {
      const found = guardsBefore(layer.handle.stack, method, path.slice(matched.path.length) || '/', met);
      if (found) return found;
    } else {
      met.push(...guardsOf([layer]));
    }
  }
  return null;
}

function guardsOf(layers: Layer[]): RouteGuard[] {
  return layers.map((layer) => guardOf(layer.handle)).filter((guard) => guard !== undefined);
}

function accessOf(guards: RouteGuard[]): RouteAccess {
  if (guards.some((guard) => guard.requires === 'metrics-token')) return { kind: 'metrics-token' };
  if (guards.length === 0) return { kind: 'public' };
  // Every role check must pass: the roles allowed are those every one of them names.
  const roles = guards.reduce<readonly UserRole[]>(
    (allowed, guard) => (guard.requires === 'role' ? allowed.filter((role) => guard.roles.includes(role)) : allowed),
    userRoles,
  );
  return { kind: 'session', roles };
}
