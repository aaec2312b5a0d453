import type { TicketPriority, TicketStatus } from '../api/api-types';

export const statusLabels: Record<TicketStatus, string> = {
  new: 'Nouveau',
  open: 'En cours',
  pending: 'En attente',
  resolved: 'Résolu',
  closed: 'Clos',
};

export const priorityLabels: Record<TicketPriority, string> = {
  low: 'Basse',
  normal: 'Normale',
  high: 'Haute',
  urgent: 'Urgente',
};

export const channelLabels: Record<string, string> = {
  form: 'Formulaire web',
  email: 'Courriel',
  telephone: 'Téléphone',
  guichet: 'Guichet',
};

/** Which classifier decided, in words an agent understands. */
export function classifierLabel(name: string): string {
  if (name.includes('+')) return `combinaison (${name.split('+').map(classifierLabel).join(', ')})`;
  if (name === 'llm-disagreed') return 'tri manuel : le modèle de langage (LLM) et le classifieur local sont en désaccord';
  if (name === 'llm-failed') return 'tri manuel : le modèle de langage (LLM) n’a pas pu répondre';
  if (/llm/i.test(name)) return 'modèle de langage (LLM)';
  if (/transformer|encoder/i.test(name)) return 'modèle neuronal local';
  if (/lexical|natural|bayes/i.test(name)) return 'modèle lexical';
  if (/nlp/i.test(name)) return 'modèle nlp.js';
  return name;
}

export const historyLabels: Record<string, string> = {
  created: 'Demande reçue et aiguillée',
  'status-changed': 'Statut modifié',
  rerouted: 'Réorientée',
  assigned: 'Prise en charge',
  merged: 'Fusion',
  'follow-up': "Nouveau message de l'usager",
  reopened: 'Réouverte',
  'mail-queued': 'Courriel en attente d’envoi',
  'mail-suppressed': 'Courriel non envoyé',
  'attachment-refused': 'Pièce jointe refusée',
  'satisfaction-rated': "Avis de l'usager",
  'note-added': 'Note interne',
  tagged: 'Étiquettes ajoutées',
};

/** A mail's history entry by where the mail stands, not by the moment it was queued. */
export const mailDeliveryLabels: Record<string, string> = {
  pending: 'Courriel en attente d’envoi',
  sent: 'Courriel envoyé',
  failed: 'Échec de l’envoi du courriel',
  suppressed: 'Courriel non envoyé',
};
