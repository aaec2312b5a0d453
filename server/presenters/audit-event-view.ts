import type { StoredAuditEvent } from '../../models/audit/audit-event-repository';

/** What each recorded action means, in the DPO's words. */
export const auditActionLabels: Readonly<Record<string, string>> = {
  'agent.settings-changed': 'Disponibilité ou capacité d’un agent modifiée',
  'assistance.dismissed': 'Réponse assistée écartée',
  'assistance.sent': 'Réponse assistée envoyée',
  'audit.chains-anchored': 'Chaînes du journal ancrées',
  'auth.password-changed': 'Mot de passe changé',
  'auth.second-factor-disabled': 'Double authentification désactivée',
  'auth.second-factor-enabled': 'Double authentification activée',
  'auth.sign-in-delayed': 'Connexion ralentie après des échecs',
  'auth.sign-in-failed': 'Échec de connexion',
  'auth.signed-in': 'Connexion',
  'canned-response.created': 'Réponse type créée',
  'canned-response.deleted': 'Réponse type supprimée',
  'canned-response.updated': 'Réponse type modifiée',
  'checklist-set.draft-created': 'Brouillon de listes de pièces créé',
  'checklist-set.draft-updated': 'Brouillon de listes de pièces modifié',
  'checklist-set.installed': 'Listes de pièces installées',
  'checklist-set.mode-changed': 'Mode des listes de pièces changé',
  'checklist-set.override-removed': 'Listes de pièces propres à une commune retirées',
  'checklist-set.published': 'Listes de pièces publiées',
  'checklist-set.rolled-back': 'Retour à une version des listes de pièces',
  'checklist.completed': 'Liste de pièces complétée',
  'classifier-head.activated': 'Version du modèle de classement activée',
  'classifier-head.installed': 'Modèle de classement installé',
  'classifier-head.retrained': 'Modèle de classement réentraîné',
  'classifier-head.rolled-back': 'Retour à une version du modèle de classement',
  'commune-facts.removed': 'Informations propres à une commune retirées',
  'commune-facts.updated': 'Informations de la commune modifiées',
  'communes.migrated': 'Demandes rattachées à leur commune',
  'dashboard.exported': 'Export du tableau de bord',
  'mail-template.changed': 'Modèle de courriel modifié',
  'mail-template.reset': 'Modèle de courriel rendu au niveau supérieur',
  'notification-settings.changed': 'Courriels de suivi modifiés',
  'privacy.subject-erased': 'Effacement des données d’une personne',
  'privacy.subject-exported': 'Export des données d’une personne',
  'privacy.subject-rectified': 'Rectification des données d’une personne',
  'queue.mode-changed': 'Mode d’une file changé',
  'queue.signature-changed': 'Signature d’un service modifiée',
  'request.taken-down': 'Demande saisie par un agent (téléphone ou guichet)',
  'retention.dry-run': 'Simulation de la purge',
  'retention.purged': 'Purge des données échues',
  'rule-set.draft-created': 'Brouillon de règles créé',
  'rule-set.draft-updated': 'Brouillon de règles modifié',
  'rule-set.installed': 'Règles d’aiguillage installées',
  'rule-set.published': 'Règles d’aiguillage publiées',
  'rule-set.rolled-back': 'Retour à une version des règles',
  'rule-set.simulated': 'Simulation de règles sur les demandes enregistrées',
  'satisfaction.comments-read': 'Lecture des commentaires des usagers',
  'security.keys-rotated': 'Rotation des clés de chiffrement',
  'ticket.answer-drafted': 'Réponse rédigée par le modèle de langage',
  'ticket.assigned': 'Demande attribuée',
  'ticket.escalated': 'Demande escaladée à son échéance',
  'ticket.follow-up': 'Nouveau message de l’usager',
  'ticket.merge-kept': 'Doublon rattaché à cette demande',
  'ticket.merged': 'Demande fusionnée dans une autre',
  'ticket.note-added': 'Note interne ajoutée',
  'ticket.pushed': 'Demande transmise en direct',
  'ticket.read': 'Consultation d’une demande',
  'ticket.reply-follow-through': 'Statut ou étiquettes posés avec une réponse',
  'ticket.rerouted': 'Demande réorientée',
  'ticket.status-changed': 'Statut d’une demande changé',
  'ticket.suggestion-decided': 'File suggérée confirmée ou corrigée',
  'ticket.taken': 'Demande prise en charge',
  'user.access-changed': 'Rôle, files ou état d’un compte modifiés',
  'user.created': 'Compte créé',
  'user.second-factor-reset': 'Double authentification d’un compte réinitialisée',
  'user.sessions-revoked': 'Sessions d’un compte fermées',
  'user.sign-in-unlocked': 'Connexion d’un compte débloquée',
  'webhook.sent': 'Appel de webhook envoyé',
};

const objectTypeLabels: Readonly<Record<string, string>> = {
  AuditTrail: 'Journal d’audit',
  CannedResponse: 'Réponse type',
  ChecklistSet: 'Listes de pièces',
  ClassifierHead: 'Modèle de classement',
  Commune: 'Commune',
  CommuneFacts: 'Informations de la commune',
  Dashboard: 'Tableau de bord',
  DataSubject: 'Personne concernée',
  EncryptionKey: 'Clé de chiffrement',
  Intent: 'Motif',
  MailTemplate: 'Modèle de courriel',
  Queue: 'File',
  Request: 'Demande',
  RetentionPolicy: 'Durées de conservation',
  RuleSet: 'Règles d’aiguillage',
  SatisfactionComment: 'Commentaires des usagers',
  Ticket: 'Demande',
  User: 'Compte',
};

/** An action recorded by code written after this list still reads in French, by what it acted on. */
export function auditActionLabel(action: string, objectType: string): string {
  return auditActionLabels[action] ?? `Action sur : ${objectTypeLabel(objectType).toLowerCase()}`;
}

export function objectTypeLabel(objectType: string): string {
  return objectTypeLabels[objectType] ?? 'un autre objet';
}

export interface AuditNames {
  /** Display name and role of each account that acted, by id. */
  actors: ReadonlyMap<string, { name: string; role: string }>;
  /** What people call each object (a request's reference, an account's name, a queue's label), by `Type:id`. */
  objects: ReadonlyMap<string, string>;
}

/**
 * An audit event as the DPO reads it: who by name (« système » only for what no person did), the action in
 * French, the object by its reference or name. Ids stay alongside for the integrity check and exports.
 */
export function toAuditEventView(event: StoredAuditEvent, names: AuditNames) {
  const actorId = event.actorId?.toString() ?? null;
  const actor = actorId ? names.actors.get(actorId) : undefined;
  return {
    sequence: event.sequence ?? null,
    at: event.at.toISOString(),
    actorId,
    actorRole: event.actorRole ?? actor?.role ?? null,
    actorName: actorId ? (actor?.name ?? 'compte supprimé') : 'système',
    action: event.action,
    actionLabel: auditActionLabel(event.action, event.objectType),
    objectType: event.objectType,
    objectId: event.objectId,
    objectLabel: names.objects.get(`${event.objectType}:${event.objectId}`) ?? objectTypeLabel(event.objectType),
    commune: event.commune ?? null,
    details: event.details ?? null,
    hash: event.hash ?? null,
  };
}
export type AuditEventView = ReturnType<typeof toAuditEventView>;
