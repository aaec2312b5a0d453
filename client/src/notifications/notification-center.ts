import type { ApiClient } from '../api/api-client';
import type { AgentNotification } from '../api/desk-types';
import { h, replaceChildren, uniqueId } from '../dom/element';
import { formatDateTime } from '../labels/format';
import type { LiveConnection } from '../live/live-connection';

/**
 * The user's notices (a request assigned to them, a mention, the citizen's new message, a near due date): a
 * button with the unread count in the header and in the tab's title, the list under it, and desktop
 * notifications once the user has allowed them with a click (the browser asks only then).
 */
export class NotificationCenter {
  readonly element: HTMLElement;
  private notifications: AgentNotification[] = [];
  private unread = 0;
  private baseTitle = document.title;
  private readonly count = h('span', { class: 'notification-count' });
  private readonly toggle: HTMLButtonElement;
  private readonly panel: HTMLElement;
  private readonly list = h('ul', { class: 'notification-list' });
  private readonly consent = h('p', { class: 'notification-consent' });
  private readonly stopLive: () => void;

  constructor(
    private readonly api: ApiClient,
    live: LiveConnection,
    private readonly open: (ticketId: string) => void,
  ) {
    const panelId = uniqueId('notifications');
    this.toggle = h(
      'button',
      {
        type: 'button',
        class: 'button button-quiet notification-toggle',
        'aria-expanded': 'false',
        'aria-controls': panelId,
        onClick: () => this.setOpen(Boolean(this.panel.hidden)),
      },
      'Notifications ',
      this.count,
    );
    this.panel = h(
      'section',
      { id: panelId, class: 'notification-panel', 'aria-label': 'Notifications', hidden: true },
      h(
        'div',
        { class: 'notification-actions' },
        h('button', { type: 'button', class: 'link-button', onClick: () => this.markAllRead() }, 'Tout marquer comme lu'),
      ),
      this.consent,
      this.list,
    );
    this.element = h('div', { class: 'notification-center' }, this.toggle, this.panel);
    this.stopLive = live.on('notification.created', (notification) => this.arrived(notification));
    this.showConsent();
    void this.reload();
  }

  /** The current screen's title; the tab shows it after the unread count. */
  setTitle(title: string): void {
    this.baseTitle = title;
    this.render();
  }

  stop(): void {
    this.stopLive();
  }

  private async reload(): Promise<void> {
    const answer = await this.api.get<{ unread: number; notifications: AgentNotification[] }>('/api/notifications').catch(() => null);
    if (!answer) return;
    this.notifications = answer.notifications;
    this.unread = answer.unread;
    this.render();
  }

  private arrived(notification: AgentNotification): void {
    this.notifications = [notification, ...this.notifications.filter((known) => known.id !== notification.id)].slice(0, 50);
    this.unread += 1;
    this.render();
    if ('Notification' in window && Notification.permission === 'granted') {
      const desktop = new Notification('Aiguillage', { body: notification.message, tag: notification.id, lang: 'fr' });
      desktop.onclick = () => {
        window.focus();
        this.read(notification);
      };
    }
  }

  private read(notification: AgentNotification): void {
    if (!notification.read) {
      notification.read = true;
      this.unread = Math.max(0, this.unread - 1);
      this.render();
      void this.api.post('/api/notifications/read', { ids: [notification.id] }).catch(() => undefined);
    }
    this.setOpen(false);
    this.open(notification.ticketId);
  }

  private async markAllRead(): Promise<void> {
    await this.api.post('/api/notifications/read', { all: true });
    for (const notification of this.notifications) notification.read = true;
    this.unread = 0;
    this.render();
  }

  private setOpen(open: boolean): void {
    this.panel.hidden = !open;
    this.toggle.setAttribute('aria-expanded', String(open));
  }

  /** Desktop notifications are offered, never imposed: the browser's question comes after the user's click. */
  private showConsent(): void {
    if (!('Notification' in window)) return replaceChildren(this.consent);
    if (Notification.permission === 'granted') return replaceChildren(this.consent, 'Notifications du bureau activées.');
    if (Notification.permission === 'denied') return replaceChildren(this.consent, 'Notifications du bureau refusées dans ce navigateur.');
    replaceChildren(
      this.consent,
      h(
        'button',
        {
          type: 'button',
          class: 'button',
          onClick: async () => {
            await Notification.requestPermission();
            this.showConsent();
          },
        },
        'Activer les notifications du bureau',
      ),
    );
  }

  private render(): void {
    this.count.textContent = this.unread > 0 ? `(${this.unread} non lue${this.unread > 1 ? 's' : ''})` : '';
    document.title = this.unread > 0 ? `(${this.unread}) ${this.baseTitle}` : this.baseTitle;
    replaceChildren(
      this.list,
      this.notifications.length === 0 ? h('li', { class: 'hint' }, 'Aucune notification.') : null,
      this.notifications.map((notification) =>
        h(
          'li',
          { class: notification.read ? 'notification' : 'notification is-unread' },
          h('button', { type: 'button', class: 'link-button', onClick: () => this.read(notification) }, notification.message),
          ' ',
          h('time', { datetime: notification.at, class: 'hint' }, formatDateTime(notification.at)),
          notification.read ? null : h('span', { class: 'visually-hidden' }, ' (non lue)'),
        ),
      ),
    );
  }
}
