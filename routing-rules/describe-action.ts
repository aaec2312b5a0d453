import { frenchNumber } from './describe-condition';
import type { Action, PriorityLevel, WebhookPersonalField } from './rule-schema';

export const priorityLabels: Record<PriorityLevel, string> = {
  low: 'basse',
  normal: 'normale',
  high: 'haute',
  urgent: 'urgente',
};

export const webhookPersonalFieldLabels: Record<WebhookPersonalField, string> = {
  requesterName: 'nom du demandeur',
  requesterEmail: 'courriel du demandeur',
  requesterPhone: 'téléphone du demandeur',
  subject: 'objet',
  text: 'texte de la demande',
};

const slaUnitLabels = { hours: 'heure(s)', workingHours: 'heure(s) ouvrée(s)', workingDays: 'jour(s) ouvré(s)' } as const;

/** How the screen names queues, tags and mail templates; without `template`, the acknowledgement is not named. */
export interface ActionNames {
  queue(queueId: string): string;
  tag(tag: string): string;
  template?(templateId: string): string;
}

const asWritten: ActionNames = { queue: (queueId) => queueId, tag: (tag) => tag };

/** An action as an agent reads it in the routing trace or the rule editor. */
export function describeAction(action: Action, names: ActionNames = asWritten): string {
  switch (action.type) {
    case 'route':
      return `orienter vers la file ${names.queue(action.queue)}`;
    case 'routeToPredictedQueue':
      return 'orienter vers la file prédite par le classifieur';
    case 'setPriority':
      return `priorité ${priorityLabels[action.priority]}`;
    case 'addTags':
      return `étiquettes : ${action.tags.map((tag) => names.tag(tag)).join(', ')}`;
    case 'assign':
      return action.strategy === 'round-robin'
        ? 'attribuer à un agent de la file, à tour de rôle'
        : "attribuer à l'agent de la file le moins chargé";
    case 'acknowledge':
      return names.template ? `accusé de réception « ${names.template(action.templateId)} »` : 'accusé de réception';
    case 'webhook':
      return action.personalFields?.length
        ? `appeler le webhook ${action.url} AVEC des données personnelles : ${action.personalFields.map((field) => webhookPersonalFieldLabels[field]).join(', ')}`
        : `appeler le webhook ${action.url} (sans données personnelles)`;
    case 'setSla':
      return `échéance : ${frenchNumber(action.sla.amount)} ${slaUnitLabels[action.sla.unit]}`;
    case 'escalate':
      return `si non traitée à l'échéance, transmettre à la file ${names.queue(action.queue)}`;
    case 'split':
      return 'message à plusieurs demandes : un ticket par demande, chacun dans la file de son service';
  }
}
