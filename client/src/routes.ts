import type { SignedInUser } from './api/api-types';
import { fallbackQueueId } from './labels/taxonomy-labels';
import type { NavigationItem } from './layout/app-shell';
import type { Route } from './router';
import { accountView } from './views/account/account-view';
import { communeEditView, communesView } from './views/admin/communes-view';
import { userAccountsView } from './views/admin/user-accounts-view';
import { counterRequestView } from './views/counter/counter-request-view';
import { dashboardView } from './views/dashboard/dashboard-view';
import { modelView } from './views/model/model-view';
import { privacyView } from './views/privacy/privacy-view';
import { ruleEditorView } from './views/rules/rule-editor-view';
import { communeSettingsView } from './views/settings/commune-settings-view';
import { mailTemplatesView } from './views/settings/mail-templates-view';
import { queueSettingsView } from './views/settings/queue-settings-view';
import { replySettingsView } from './views/settings/reply-settings-view';
import { ticketView } from './views/ticket/ticket-view';
import { triageView } from './views/triage/triage-view';
import { workspaceView } from './views/workspace/workspace-view';

/** Tickets hold personal data: agents and supervisors only (an admin manages accounts, not requests). */
const staff = ['agent', 'supervisor'] as const;
/** Steering routing; an admin manages accounts only, a DPO audit and personal data only. */
const supervisors = ['supervisor'] as const;

export const routes: readonly Route[] = [
  { pattern: '/demandes', roles: staff, load: workspaceView },
  { pattern: '/demandes/nouvelle', roles: staff, load: counterRequestView },
  { pattern: '/demandes/:id', roles: staff, load: ticketView },
  { pattern: '/tri', roles: staff, load: triageView },
  { pattern: '/regles', roles: supervisors, load: ruleEditorView },
  { pattern: '/files', roles: supervisors, load: queueSettingsView },
  { pattern: '/reponses-types', roles: supervisors, load: replySettingsView },
  { pattern: '/courriels', roles: supervisors, load: mailTemplatesView },
  { pattern: '/commune', roles: ['supervisor', 'admin'], load: communeSettingsView },
  { pattern: '/tableau-de-bord', roles: supervisors, load: dashboardView },
  { pattern: '/modele', roles: supervisors, load: modelView },
  { pattern: '/comptes', roles: ['admin'], load: userAccountsView },
  { pattern: '/communes', roles: ['admin'], load: communesView },
  { pattern: '/communes/nouvelle', roles: ['admin'], load: communeEditView },
  { pattern: '/communes/:insee', roles: ['admin'], load: communeEditView },
  { pattern: '/protection-des-donnees', roles: ['dpo'], load: privacyView },
  { pattern: '/compte', roles: ['agent', 'supervisor', 'admin', 'dpo'], load: accountView },
];

export const navigation: readonly NavigationItem[] = [
  { hash: '#/demandes', label: 'Demandes', roles: staff },
  { hash: '#/demandes/nouvelle', label: 'Nouvelle demande', roles: staff },
  { hash: '#/tri', label: 'Tri de l’accueil', roles: supervisors, queue: fallbackQueueId },
  { hash: '#/regles', label: 'Règles d’aiguillage', roles: supervisors },
  { hash: '#/files', label: 'Files et agents', roles: supervisors },
  { hash: '#/reponses-types', label: 'Réponses types', roles: supervisors },
  { hash: '#/courriels', label: 'Courriels aux usagers', roles: supervisors },
  { hash: '#/commune', label: 'Commune et réponses', roles: ['supervisor', 'admin'] },
  { hash: '#/tableau-de-bord', label: 'Tableau de bord', roles: supervisors },
  { hash: '#/modele', label: 'Modèle', roles: supervisors },
  { hash: '#/comptes', label: 'Comptes', roles: ['admin'] },
  { hash: '#/communes', label: 'Communes', roles: ['admin'] },
  { hash: '#/protection-des-donnees', label: 'Protection des données', roles: ['dpo'] },
];

export function homeOf(user: SignedInUser): string {
  if (user.role === 'admin') return '#/comptes';
  return user.role === 'dpo' ? '#/protection-des-donnees' : '#/demandes';
}
