import { allIntentIds, defaultTaxonomy } from '../../classifiers/taxonomy/taxonomy';
import type { ChecklistSet } from './checklist-schema';
import { parseChecklistSet } from './checklist-set-problems';
import defaultChecklistSetJson from './default-checklist-set.json';

/**
 * The checklists and answers a new installation starts with, written from the service-public.fr fiches they cite.
 * Everything is in pilot mode: nothing reaches a citizen before an agent has sent it and the supervisors have seen
 * the agreement rate.
 */
export function defaultChecklistSet(): ChecklistSet {
  return parseChecklistSet(defaultChecklistSetJson, { knownIntents: allIntentIds(defaultTaxonomy) });
}
