import { ApiClient } from './api/api-client';
import { ApiError } from './api/api-error';
import type { Queue, SignedInUser, SignInAnswer, TownHallCalendar } from './api/api-types';
import { h, replaceChildren } from './dom/element';
import { showDatesIn } from './labels/format';
import { rememberQueueLabels } from './labels/taxonomy-labels';
import { AppShell } from './layout/app-shell';
import { LiveConnection } from './live/live-connection';
import { NotificationCenter } from './notifications/notification-center';
import { matchRoute } from './router';
import { homeOf, navigation, routes } from './routes';
import { expiryWarningMinutes, watchExpiry } from './session/expiry-timer';
import { SessionStore, type Session } from './session/session-store';
import { accessDeniedView, pageNotFoundView } from './views/refusal-views';
import { renderSignIn } from './views/sign-in-view';
import type { View, ViewContext } from './views/view';

const expiredNotice = 'Votre session a expiré ou a été fermée. Reconnectez-vous pour continuer.';

/** Signs the user in, then runs the screens until sign-out or expiry, which bring the sign-in page back. */
export class Application {
  private readonly store = new SessionStore();
  private running: RunningSession | null = null;

  constructor(private readonly root: HTMLElement) {}

  start(): void {
    const session = this.store.session;
    if (session) void this.open(session);
    else this.showSignIn(null);
  }

  private showSignIn(notice: string | null): void {
    renderSignIn(this.root, notice, (answer: SignInAnswer) => void this.open(this.store.open(answer)));
  }

  private async open(session: Session): Promise<void> {
    const api = new ApiClient({ token: () => this.store.token, onUnauthorised: () => this.close(expiredNotice) });
    try {
      const [{ user }, { queues }, calendar] = await Promise.all([
        api.get<{ user: SignedInUser }>('/api/auth/me'),
        api.get<{ queues: Queue[] }>('/api/queues'),
        api.get<TownHallCalendar>('/api/calendar'),
      ]);
      this.store.updateUser(user);
      rememberQueueLabels(queues);
      showDatesIn(calendar.timeZone);
      this.running = new RunningSession(this.root, { ...session, user }, api, queues, {
        signOut: () => void this.signOut(api),
        expire: () => this.close(expiredNotice),
      });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return;
      replaceChildren(
        this.root,
        h(
          'main',
          { class: 'fatal', id: 'contenu' },
          h('h1', {}, 'Aiguillage est indisponible'),
          h('p', { role: 'alert' }, (error as Error).message),
        ),
      );
    }
  }

  private async signOut(api: ApiClient): Promise<void> {
    await api.post('/api/auth/sign-out').catch(() => undefined);
    this.close('Vous êtes déconnecté·e. À bientôt.');
  }

  private close(notice: string): void {
    if (!this.running && !this.store.session) return;
    this.running?.stop();
    this.running = null;
    this.store.clear();
    this.showSignIn(notice);
  }
}

/** Everything that lives while a user is signed in: shell, live connection, expiry watch, current screen. */
class RunningSession {
  private readonly shell: AppShell;
  private readonly live: LiveConnection;
  private readonly notifications: NotificationCenter | null;
  private readonly stopExpiryWatch: () => void;
  private current: View | null = null;
  private readonly unseenTickets = new Set<string>();
  private readonly onHashChange = () => void this.render();
  private renderCount = 0;

  constructor(
    root: HTMLElement,
    private readonly session: Session,
    private readonly api: ApiClient,
    private readonly queues: Queue[],
    actions: { signOut: () => void; expire: () => void },
  ) {
    this.shell = new AppShell(root, session.user, navigation, actions.signOut);
    this.live = new LiveConnection(session.token, actions.expire);
    this.live.on('status', (status) => this.shell.setLiveStatus(status));
    this.live.on('ticket.created', (ticket) => this.unseenTickets.add(ticket.id));
    this.live.on('ticket.moved', (moved) => this.unseenTickets.delete(moved.id));
    // Notices are about tickets: for the roles that work on them.
    this.notifications = ['agent', 'supervisor'].includes(session.user.role)
      ? new NotificationCenter(api, this.live, (ticketId) => {
          window.location.hash = `#/demandes/${encodeURIComponent(ticketId)}`;
        })
      : null;
    if (this.notifications) this.shell.addToHeader(this.notifications.element);
    this.stopExpiryWatch = watchExpiry(
      session.expiresAt,
      () =>
        this.shell.showBanner(
          `Votre session expire dans moins de ${expiryWarningMinutes} minutes : enregistrez votre travail, puis reconnectez-vous.`,
        ),
      actions.expire,
    );
    window.addEventListener('hashchange', this.onHashChange);
    void this.render();
  }

  stop(): void {
    window.removeEventListener('hashchange', this.onHashChange);
    this.current?.dispose?.();
    this.notifications?.stop();
    this.live.close();
    this.stopExpiryWatch();
  }

  private context(): ViewContext {
    return {
      api: this.api,
      session: this.session,
      live: this.live,
      queues: this.queues,
      unseenTickets: this.unseenTickets,
      announce: (message) => this.shell.announce(message),
      navigate: (hash) => {
        window.location.hash = hash;
      },
    };
  }

  private async render(): Promise<void> {
    const renderNumber = ++this.renderCount;
    const match = matchRoute(routes, window.location.hash);
    const home = homeOf(this.session.user);
    if (!match && /^#?\/?$/.test(window.location.hash)) {
      if (matchRoute(routes, home)) {
        window.location.replace(home);
        return;
      }
      this.show({
        title: 'Aucun écran',
        element: h(
          'section',
          {},
          h('h1', {}, 'Aucun écran disponible'),
          h('p', {}, "Votre rôle ne donne accès à aucun écran de l'application des agents."),
        ),
      });
      return;
    }
    this.current?.dispose?.();
    this.current = null;
    // A wrong address or a screen of another role is said as such, never silently swapped for another screen.
    if (!match) return this.show(pageNotFoundView(home));
    if (!match.route.roles.includes(this.session.user.role)) return this.show(accessDeniedView(home));
    this.shell.setCurrent(window.location.hash);
    this.shell.main.setAttribute('aria-busy', 'true');
    try {
      const view = await match.route.load(this.context(), match.params);
      if (renderNumber !== this.renderCount) {
        view.dispose?.();
        return;
      }
      this.show(view);
    } catch (error) {
      if (renderNumber !== this.renderCount || (error instanceof ApiError && error.status === 401)) return;
      if (error instanceof ApiError && error.status === 404) return this.show(pageNotFoundView(home));
      if (error instanceof ApiError && error.status === 403) return this.show(accessDeniedView(home));
      this.show({
        title: 'Erreur',
        element: h('section', {}, h('h1', {}, 'Cet écran ne peut pas s’afficher'), h('p', { role: 'alert' }, (error as Error).message)),
      });
    } finally {
      this.shell.main.removeAttribute('aria-busy');
    }
  }

  private show(view: View): void {
    this.current = view;
    if (this.notifications) this.notifications.setTitle(`${view.title} — Aiguillage`);
    else document.title = `${view.title} — Aiguillage`;
    replaceChildren(this.shell.main, view.element);
    // Screen readers land on the new screen's title, as after a page load.
    const heading = view.element.querySelector('h1');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus();
    }
  }
}
