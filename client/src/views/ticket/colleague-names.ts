import type { ApiClient } from '../../api/api-client';
import type { Colleague } from '../../api/desk-types';

/** Names colleagues by id (« vous » for the user), for who holds a ticket and who did what. */
export type NameOf = (userId: string | null | undefined) => string;

export async function loadColleagueNames(api: ApiClient, userId: string): Promise<NameOf> {
  const { colleagues } = await api.get<{ colleagues: Colleague[] }>('/api/colleagues');
  const names = new Map(colleagues.map((colleague) => [colleague.id, colleague.displayName]));
  // Someone no longer active, or of another service, whose name this user is not shown.
  return (id) => (!id ? 'personne' : id === userId ? 'vous' : (names.get(id) ?? 'un·e collègue d’un autre service'));
}
