import { z } from 'zod';

import { entityTypes } from '../../classifiers/entities/entity';
import { MAX_PATTERN_LENGTH } from '../regex-safety';

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'identifiant en minuscules, chiffres et tirets');
/**
 * A supervisor-written regex, run on RE2's linear-time engine (see regex-safety), case-insensitive, on the citizen's
 * own text with accents folded and each extracted entity preceded by its marker (`[[date]]`, `[[person]]`…).
 */
const pattern = z.string().min(1, 'expression vide').max(MAX_PATTERN_LENGTH, `${MAX_PATTERN_LENGTH} caractères au plus`);

/**
 * Off, suggested to the agent who sends it in one click (pilot), or written into the acknowledgement (automatic).
 * Pilot first: the agreement rate tells when an intent may go automatic, as the queues' pilot mode does.
 */
export const assistanceModes = ['off', 'pilot', 'automatic'] as const;
export type AssistanceMode = (typeof assistanceModes)[number];

/** What shows that an item is in the message: an extracted entity of a type, or a pattern of the text. */
export const evidenceSchema = z.union([z.strictObject({ entity: z.enum(entityTypes) }), z.strictObject({ pattern })]);
export type Evidence = z.infer<typeof evidenceSchema>;

/** The official text a checklist or an answer was written from, cited to agents and citizens. */
export const sourceSchema = z.strictObject({
  /** The service-public.fr fiche id (F1427…), when the source is one. */
  fiche: z
    .string()
    .regex(/^[FNR]\d+$/, 'identifiant de fiche service-public.fr (F1427, N359…)')
    .optional(),
  title: z.string().min(1).max(200),
  url: z.url('adresse web complète (https://…)'),
});
export type Source = z.infer<typeof sourceSchema>;

export const checklistItemSchema = z.strictObject({
  id: slug,
  /** Short, for agents: « manque : date de naissance, filiation ». */
  label: z.string().trim().min(1).max(60),
  /** What the acknowledgement asks the citizen for, to follow « merci de nous indiquer : ». */
  question: z.string().trim().min(1).max(240),
  /** Any one of these present means the item is there. */
  presentWhen: z.array(evidenceSchema).min(1, 'au moins un indice de présence'),
  /** The item is not needed when one of these matches (an « extrait sans filiation » needs no parents' names). */
  notNeededWhen: z.array(pattern).default([]),
  /** When not empty, the item is needed only if one of these matches (a concession's reference, for a renewal). */
  neededOnlyWhen: z.array(pattern).default([]),
  /**
   * Who is asked when the item is not found: the citizen (in the suggested request or the acknowledgement), or only
   * the agent, who sees it « à vérifier ». An item whose patterns miss new wordings too often (its precision of
   * « missing » estimated on held-out messages, see `npm run eval:answers`) is left to the agent: asking a citizen
   * for what they already wrote is the worse mistake.
   */
  ask: z.enum(['citizen', 'agent']).default('citizen'),
  /**
   * Hints that the item may be in the message in a form its evidence does not read (a number or a month for a date,
   * a street word for a place): the item is then left « à vérifier » to the agent instead of being asked for.
   */
  unsureWhen: z.array(pattern).default([]),
});
export type ChecklistItem = z.infer<typeof checklistItemSchema>;

/** What the service needs to act on one intent. */
export const checklistSchema = z.strictObject({
  intent: slug,
  /** The official fiche the items were written from; absent when the commune's own rules decide (room rental). */
  source: sourceSchema.optional(),
  /** Why these items, for the supervisors who edit them. */
  note: z.string().trim().max(500).optional(),
  /**
   * When not empty, the checklist applies only to a message matching one of these: a request about a case of the
   * writer's (« mon fils », « nous organisons »), not a general question about the procedure.
   */
  appliesWhen: z.array(pattern).default([]),
  /** The checklist does not apply when one of these matches: a follow-up of a request already made, for instance. */
  unlessAny: z.array(pattern).default([]),
  items: z.array(checklistItemSchema).min(1, 'au moins un élément'),
  /** Asking the citizen at once for what is missing. */
  missingRequest: z.enum(assistanceModes).default('off'),
});
export type Checklist = z.infer<typeof checklistSchema>;

export const answerVariantSchema = z.strictObject({
  id: slug,
  /** The variant applies when one of these matches; a variant without any is the intent's default. */
  when: z.array(pattern).default([]),
  /**
   * Plain French; `{{horaires}}`, `{{adresse}}`, `{{telephone}}`, `{{courriel}}`, `{{siteWeb}}`, `{{commune}}`,
   * `{{fermetures}}` come from the commune's settings page, never from a model. A variant naming a fact the
   * commune has not filled in is not sent.
   */
  text: z.string().trim().min(1).max(2000),
  /** Absent when the answer only quotes the commune's own facts. */
  source: sourceSchema.optional(),
});
export type AnswerVariant = z.infer<typeof answerVariantSchema>;

/** The immediate answer of an intent a supervisor marked answerable (opening hours, documents to bring…). */
export const safeAnswerSchema = z.strictObject({
  intent: slug,
  mode: z.enum(assistanceModes).default('off'),
  variants: z.array(answerVariantSchema).min(1, 'au moins une variante de réponse'),
  /** No answer when one of these matches: a question the answer does not cover. */
  unlessAny: z.array(pattern).default([]),
});
export type SafeAnswer = z.infer<typeof safeAnswerSchema>;

export const checklistSetSchema = z.strictObject({
  version: z.string().min(1),
  checklists: z.array(checklistSchema),
  answers: z.array(safeAnswerSchema),
});
export type ChecklistSet = z.infer<typeof checklistSetSchema>;
/** As written (defaults not applied yet): what a supervisor's draft may omit. */
export type ChecklistSetInput = z.input<typeof checklistSetSchema>;
