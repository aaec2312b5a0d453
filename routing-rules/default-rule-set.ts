import { defaultTaxonomy } from '../classifiers/taxonomy/taxonomy';
import type { RuleSet } from './rule-schema';
import { townHallOpeningHours } from './working-schedule';

/**
 * The rules a new installation starts with, with the town hall's opening hours in its time zone. Non-routing
 * rules come first (highest priority) because later rules overwrite earlier ones; the routing rules that must win
 * over the classifier end with `stop`.
 */
export function defaultRuleSet(confidenceThreshold: number, timeZone: string): RuleSet {
  return {
    version: 'defaut-1',
    fallbackQueue: defaultTaxonomy.fallbackQueue,
    workingSchedule: townHallOpeningHours(timeZone),
    rules: [
      {
        id: 'accuse-reception',
        name: 'Accusé de réception standard',
        priority: 1000,
        enabled: true,
        when: { kind: 'officeHours' },
        then: [{ type: 'acknowledge', templateId: 'accuse-reception' }],
        stop: false,
      },
      {
        id: 'hors-horaires',
        name: "Reçue en dehors des heures d'ouverture",
        priority: 990,
        enabled: true,
        when: { kind: 'not', condition: { kind: 'officeHours' } },
        then: [
          { type: 'acknowledge', templateId: 'hors-horaires' },
          { type: 'addTags', tags: ['hors-horaires'] },
        ],
        stop: false,
      },
      {
        id: 'delai-standard',
        name: 'Délai de réponse standard',
        priority: 980,
        enabled: true,
        when: { kind: 'all', conditions: [] },
        then: [{ type: 'setSla', sla: { amount: 10, unit: 'workingDays' } }],
        stop: false,
      },
      {
        // Off by default: a message asking several services waits in reception with its parts suggested, until
        // the supervisors choose to turn it into one ticket per service (before the rules that stop).
        id: 'un-ticket-par-service',
        name: 'Message à plusieurs demandes : un ticket par service',
        priority: 960,
        enabled: false,
        when: { kind: 'intent', op: 'equals', value: 'demandes-multiples' },
        then: [{ type: 'split' }],
        stop: false,
      },
      {
        id: 'langue-etrangere',
        name: 'Demande rédigée dans une autre langue que le français',
        priority: 950,
        enabled: true,
        when: { kind: 'not', condition: { kind: 'language', op: 'in', values: ['fr', 'und'] } },
        then: [{ type: 'addTags', tags: ['langue-etrangere'] }],
        stop: false,
      },
      {
        id: 'administrations',
        name: 'Courriers des administrations',
        priority: 900,
        enabled: true,
        when: { kind: 'senderDomain', op: 'in', values: ['gouv.fr', 'interieur.gouv.fr'] },
        then: [
          { type: 'setPriority', priority: 'high' },
          { type: 'addTags', tags: ['administration'] },
        ],
        stop: false,
      },
      {
        id: 'social-prioritaire',
        name: 'Situations sociales urgentes',
        priority: 850,
        enabled: true,
        when: {
          kind: 'all',
          conditions: [
            { kind: 'queue', op: 'equals', value: 'social' },
            {
              kind: 'keywords',
              field: 'subjectOrText',
              match: 'any',
              words: ['expulsion', 'sans abri', 'à la rue', 'plus rien à manger', "coupure d'électricité"],
            },
          ],
        },
        then: [
          { type: 'setPriority', priority: 'high' },
          { type: 'addTags', tags: ['ccas-prioritaire'] },
          { type: 'setSla', sla: { amount: 2, unit: 'workingDays' } },
        ],
        stop: false,
      },
      {
        id: 'urgence-voirie',
        name: 'Danger sur la voie publique',
        priority: 800,
        enabled: true,
        when: {
          kind: 'all',
          conditions: [
            { kind: 'queue', op: 'equals', value: 'voirie' },
            {
              kind: 'keywords',
              field: 'subjectOrText',
              match: 'any',
              words: ['danger', 'dangereux', 'dangereuse', 'chute', 'fuite de gaz', 'effondrement', 'effondré*'],
            },
          ],
        },
        then: [
          { type: 'route', queue: 'voirie' },
          { type: 'setPriority', priority: 'urgent' },
          { type: 'addTags', tags: ['urgence', 'securite'] },
          { type: 'setSla', sla: { amount: 4, unit: 'hours' } },
          { type: 'escalate', queue: 'police-municipale' },
          { type: 'assign', strategy: 'least-loaded' },
        ],
        stop: true,
      },
      {
        id: 'reference-permis',
        name: "Référence de permis : service de l'urbanisme",
        priority: 700,
        enabled: true,
        when: { kind: 'entity', entityType: 'permit_ref', op: 'present' },
        then: [
          { type: 'route', queue: 'urbanisme' },
          { type: 'addTags', tags: ['dossier-en-cours'] },
        ],
        stop: true,
      },
      {
        id: 'cadastre-incertain',
        name: 'Référence cadastrale et classement incertain',
        priority: 600,
        enabled: true,
        when: {
          kind: 'all',
          conditions: [
            { kind: 'entity', entityType: 'cadastral_ref', op: 'present' },
            { kind: 'confidence', op: 'lt', value: confidenceThreshold },
          ],
        },
        then: [{ type: 'route', queue: 'urbanisme' }],
        stop: true,
      },
      {
        id: 'plans-joints',
        name: 'Plans joints à une demande de travaux',
        priority: 500,
        enabled: true,
        when: {
          kind: 'all',
          conditions: [
            { kind: 'queue', op: 'equals', value: 'urbanisme' },
            { kind: 'attachmentType', extensions: ['pdf', 'dwg', 'jpg', 'png'] },
          ],
        },
        then: [{ type: 'addTags', tags: ['pieces-jointes'] }],
        stop: false,
      },
      {
        id: 'file-du-classifieur',
        name: 'File proposée par le classifieur quand il est sûr de lui',
        priority: 100,
        enabled: true,
        when: { kind: 'confidence', op: 'gte', value: confidenceThreshold },
        then: [{ type: 'routeToPredictedQueue' }],
        stop: false,
      },
    ],
  };
}
