import type { SignedInUser } from './api/api-types';
import type { NavigationItem } from './layout/app-shell';
import { fallbackQueueId } from './labels/taxonomy-labels';
import type { Route } from './router';
import { accountView } from './views/account/account-view';
import { dashboardView } from './views/dashboard/dashboard-view';
import { ruleEditorView } from './views/rules/rule-editor-view';
import { queueSettingsView } from './views/settings/queue-settings-view';
import { ticketView } from './views/ticket/ticket-view';
import { triageView } from './views/triage/triage-view';
import { workspaceView } from './views/workspace/workspace-view';

/** Tickets hold personal data: agents and supervisors only (an admin manages accounts, not requests). */
const staff = ['agent', 'supervisor'] as const;
const supervisors = ['supervisor', 'admin'] as const;

export const routes: readonly Route[] = [
  { pattern: '/demandes', roles: staff, load: workspaceView },
  { pattern: '/demandes/:id', roles: staff, load: ticketView },
  { pattern: '/tri', roles: staff, load: triageView },
  { pattern: '/regles', roles: supervisors, load: ruleEditorView },
  { pattern: '/files', roles: supervisors, load: queueSettingsView },
  { pattern: '/tableau-de-bord', roles: supervisors, load: dashboardView },
  { pattern: '/compte', roles: ['agent', 'supervisor', 'admin', 'dpo'], load: accountView },
];

export const navigation: readonly NavigationItem[] = [
  { hash: '#/demandes', label: 'Demandes', roles: staff },
  { hash: '#/tri', label: 'Tri de l’accueil', roles: ['supervisor'], queue: fallbackQueueId },
  { hash: '#/regles', label: 'Règles d’aiguillage', roles: supervisors },
  { hash: '#/files', label: 'Files et agents', roles: supervisors },
  { hash: '#/tableau-de-bord', label: 'Tableau de bord', roles: supervisors },
];

export function homeOf(user: SignedInUser): string {
  if (user.role === 'admin') return '#/tableau-de-bord';
  return user.role === 'dpo' ? '#/compte' : '#/demandes';
}
