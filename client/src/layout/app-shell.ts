import type { SignedInUser, UserRole } from '../api/api-types';
import { h, replaceChildren } from '../dom/element';
import type { LiveStatus } from '../live/live-connection';

export interface NavigationItem {
  hash: string;
  label: string;
  roles: readonly UserRole[];
  /** Shown also to the users who serve this queue, whatever their role. */
  queue?: string;
}

export const roleLabels: Record<UserRole, string> = {
  agent: 'Agent',
  supervisor: 'Superviseur',
  admin: 'Administrateur',
  dpo: 'Délégué à la protection des données',
};

const liveStatusLabels: Record<LiveStatus, string> = {
  connecting: 'Connexion au direct…',
  connected: 'En direct',
  disconnected: 'Direct interrompu : reconnexion…',
};

/** The frame around every screen: skip link, header with navigation and live status, main area, announcer. */
export class AppShell {
  readonly main = h('main', { id: 'contenu', tabindex: '-1', class: 'app-main' });
  private readonly banner = h('div', { class: 'session-banner', role: 'alert', hidden: true });
  private readonly announcer = h('div', { class: 'visually-hidden', 'aria-live': 'polite', 'aria-atomic': 'true' });
  private readonly liveStatus = h('span', { class: 'live-status', 'data-status': 'connecting' }, liveStatusLabels.connecting);
  private readonly links: Array<{ hash: string; link: HTMLAnchorElement }> = [];

  constructor(root: HTMLElement, user: SignedInUser, navigation: readonly NavigationItem[], onSignOut: () => void) {
    const allowed = navigation.filter(
      (item) => item.roles.includes(user.role) || (item.queue !== undefined && user.queues.includes(item.queue)),
    );
    const list = h(
      'ul',
      {},
      allowed.map((item) => {
        const link = h('a', { href: item.hash }, item.label);
        this.links.push({ hash: item.hash, link });
        return h('li', {}, link);
      }),
    );
    const skipLink = h(
      'a',
      {
        class: 'skip-link',
        href: '#contenu',
        onClick: (event: MouseEvent) => {
          event.preventDefault();
          this.main.focus();
        },
      },
      'Aller au contenu',
    );
    replaceChildren(
      root,
      skipLink,
      h(
        'header',
        { class: 'app-header' },
        h('p', { class: 'brand' }, 'Aiguillage'),
        h(
          'div',
          { class: 'header-end' },
          this.liveStatus,
          h(
            'a',
            { class: 'user-name', href: '#/compte', title: 'Mon compte' },
            user.displayName,
            h('span', { class: 'user-role' }, ` · ${roleLabels[user.role]}`),
          ),
          h('button', { type: 'button', class: 'button button-quiet', onClick: onSignOut }, 'Se déconnecter'),
        ),
        h('nav', { 'aria-label': 'Navigation principale', class: 'main-nav' }, list),
      ),
      this.banner,
      this.main,
      this.announcer,
    );
  }

  /** Adds something to the header, before the user's name (the notifications). */
  addToHeader(node: Node): void {
    const end = this.liveStatus.parentElement!;
    end.insertBefore(node, this.liveStatus.nextSibling);
  }

  /** Marks the navigation link of the current screen. */
  setCurrent(hash: string): void {
    // The closest link only: « Nouvelle demande » (#/demandes/nouvelle), not « Demandes » as well.
    const current = this.links
      .filter(({ hash: linkHash }) => hash === linkHash || hash.startsWith(`${linkHash}/`))
      .sort((a, b) => b.hash.length - a.hash.length)[0];
    for (const { link } of this.links) {
      if (current && link === current.link) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
  }

  setLiveStatus(status: LiveStatus): void {
    this.liveStatus.dataset.status = status;
    this.liveStatus.textContent = liveStatusLabels[status];
  }

  showBanner(message: string | null): void {
    this.banner.textContent = message ?? '';
    this.banner.hidden = message === null;
  }

  announce(message: string): void {
    // Emptied first so that the same message twice is read twice.
    this.announcer.textContent = '';
    window.setTimeout(() => {
      this.announcer.textContent = message;
    }, 50);
  }
}
