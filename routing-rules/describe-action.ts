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
  requesterEmail: 'e-mail du demandeur',
  requesterPhone: 'téléphone du demandeur',
  subject: 'objet',
  text: 'texte de la demande',
};

const slaUnitLabels = { hours: 'heure(s)', workingHours: 'heure(s) ouvrée(s)', workingDays: 'jour(s) ouvré(s)' } as const;

/** An action as an agent reads it in the routing trace or the rule editor. */
export function describeAction(action: Action): string {
  switch (action.type) {
    case 'route':
      return `orienter vers la file ${action.queue}`;
    case 'routeToPredictedQueue':
      return 'orienter vers la file prédite par le classifieur';
    case 'setPriority':
      return `priorité ${priorityLabels[action.priority]}`;
    case 'addTags':
      return `étiquettes : ${action.tags.join(', ')}`;
    case 'assign':
      return action.strategy === 'round-robin'
        ? 'attribuer à un agent de la file, à tour de rôle'
        : "attribuer à l'agent de la file le moins chargé";
    case 'acknowledge':
      return `accusé de réception « ${action.templateId} »`;
    case 'webhook':
      return action.personalFields?.length
        ? `appeler le webhook ${action.url} AVEC des données personnelles : ${action.personalFields.map((field) => webhookPersonalFieldLabels[field]).join(', ')}`
        : `appeler le webhook ${action.url} (sans données personnelles)`;
    case 'setSla':
      return `échéance : ${frenchNumber(action.sla.amount)} ${slaUnitLabels[action.sla.unit]}`;
    case 'escalate':
      return `si non traitée à l'échéance, transmettre à la file ${action.queue}`;
    case 'split':
      return 'message à plusieurs demandes : un ticket par demande, chacun dans la file de son service';
  }
}
