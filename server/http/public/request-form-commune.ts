import { inseeCodeSchema } from '../../../routing-rules/communes/commune-schema';
import { ApplicationError } from '../../application-error';
import type { CommuneDirectory } from '../../communes/commune-directory';

/**
 * The commune a showing of the public form is for. `known`: the service has one active commune, or the page was
 * reached by a commune's own link (/demande?commune=67348), whose code then goes in a hidden field. `choice`: the
 * citizen picks among the active communes; `notice` says why a link's commune was not taken.
 */
export type FormCommune =
  { kind: 'known'; name: string; insee?: string } | { kind: 'choice'; options: { insee: string; name: string }[]; notice?: string };

/**
 * Which commune the form shows, from the directory and the `commune` the page's address names. Whether a linked
 * commune takes requests is the directory's intake rule, the same that refuses the form when it is sent.
 */
export function formCommuneOf(communes: Pick<CommuneDirectory, 'list' | 'of' | 'intakeCommune'>, linked: unknown): FormCommune {
  const active = communes.list().filter((commune) => commune.active);
  if (active.length <= 1) return { kind: 'known', name: communes.of(active[0]?.insee).name };
  let notice: string | undefined;
  if (typeof linked === 'string') {
    const code = inseeCodeSchema.safeParse(linked);
    try {
      const insee = communes.intakeCommune(code.success ? code.data : linked.trim());
      return { kind: 'known', name: communes.of(insee).name, insee };
    } catch (error) {
      if (!(error instanceof ApplicationError)) throw error;
      // Unknown, malformed or no longer taking requests: the citizen followed a link and only needs to choose.
      notice = `Le lien que vous avez suivi désigne une commune qui ne reçoit pas de demandes par ce service (« ${linked.trim().slice(0, 20)} ») : choisissez votre commune dans la liste.`;
    }
  }
  const options = active
    .map(({ insee, name }) => ({ insee, name }))
    .sort((left, right) => left.name.localeCompare(right.name, 'fr') || left.insee.localeCompare(right.insee));
  return { kind: 'choice', options, ...(notice ? { notice } : {}) };
}
