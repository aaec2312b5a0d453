import type { UserRole } from './api/api-types';
import type { ViewFactory } from './views/view';

export interface Route {
  /** `#/demandes/:id` style; parameters are URL-decoded. */
  pattern: string;
  roles: readonly UserRole[];
  load: ViewFactory;
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

/** The app routes with the URL fragment, so that the server needs a single page and reloads keep the screen. */
export function matchRoute(routes: readonly Route[], hash: string): RouteMatch | null {
  const path = hash.replace(/^#/, '') || '/';
  for (const route of routes) {
    const names: string[] = [];
    const source = route.pattern.replace(/:[a-zA-Z]+/g, (name) => {
      names.push(name.slice(1));
      return '([^/]+)';
    });
    const match = new RegExp(`^${source}$`).exec(path);
    if (match) {
      return { route, params: Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(match[index + 1])])) };
    }
  }
  return null;
}
