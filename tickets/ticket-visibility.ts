/** Who is asking: the signed-in user's role, the queues they serve and the communes they work for. */
export interface TicketViewer {
  role: string;
  queues: readonly string[];
  /** INSEE codes of the communes the account works for. */
  communes?: readonly string[] | null;
  /** SIREN of the EPCI whose every commune the account serves (a shared service's agent, an EPCI's DPO). */
  epci?: string | null;
}

/** The communes of the service, as the visibility rule needs them. */
export interface ServiceCommunes {
  /** The commune of accounts and data from before communes existed, which name none. */
  defaultCommune: string;
  communes: ReadonlyArray<{ insee: string; epci: string | null }>;
}

/** What a visibility decision needs to know about the service: its queues and its communes. */
export interface ServiceMap extends ServiceCommunes {
  queueIds: readonly string[];
}

/** The tickets a viewer may see, as a query filter: those of these queues in these communes. */
export interface TicketScope {
  queues: string[];
  communes: string[];
}

/**
 * Least privilege, the one rule for every channel (HTTP, sockets, search, exports): an agent sees only the queues
 * they serve and a supervisor every queue; an admin (accounts) and a DPO (audit, retention, data subjects'
 * requests, through their own API) see no queue, hence no ticket.
 */
export function visibleQueues(viewer: TicketViewer, allQueueIds: readonly string[]): string[] {
  switch (viewer.role) {
    case 'agent':
      return allQueueIds.filter((queueId) => viewer.queues.includes(queueId));
    case 'supervisor':
      return [...allQueueIds];
    default:
      return [];
  }
}

/**
 * The communes whose data a viewer may see, whatever their role: those the account names and, for an EPCI's
 * account, every commune of that EPCI (each labelled with its commune wherever shown). An account that names
 * neither works for the default commune, as every account did before there were several.
 */
export function visibleCommunes(viewer: TicketViewer, service: ServiceCommunes): string[] {
  const own = viewer.communes ?? [];
  const epci = viewer.epci ?? null;
  if (own.length === 0 && epci === null)
    return service.communes.some((commune) => commune.insee === service.defaultCommune) ? [service.defaultCommune] : [];
  return service.communes
    .filter((commune) => own.includes(commune.insee) || (epci !== null && commune.epci === epci))
    .map((commune) => commune.insee);
}

/**
 * The communes an account's duty covers beyond tickets (audit trail, data subjects, accounts), and whether it also
 * covers what belongs to no commune: the service-wide settings and the events from before communes, which were
 * the default commune's. An EPCI's account covers them; so does the default commune's, which held them first.
 */
export function communeScope(viewer: TicketViewer, service: ServiceCommunes): { communes: string[]; serviceWide: boolean } {
  const communes = visibleCommunes(viewer, service);
  return { communes, serviceWide: Boolean(viewer.epci) || communes.includes(service.defaultCommune) };
}

/**
 * Whether an admin (or a supervisor setting agents' availability) may manage an account: one of an EPCI only when
 * they are of that EPCI themselves, one of communes only when those communes are all theirs.
 */
export function accountWithinScope(
  manager: TicketViewer,
  account: Pick<TicketViewer, 'communes' | 'epci'>,
  service: ServiceCommunes,
): boolean {
  if (account.epci) return manager.epci === account.epci;
  const managed = visibleCommunes(manager, service);
  return visibleCommunes({ role: 'account', queues: [], ...account }, service).every((commune) => managed.includes(commune));
}

/**
 * The service's own settings (its rules for every commune, the shipped defaults) are its EPCI's to change; in a
 * service of one commune, that commune's staff change them as they always did.
 */
export function changesServiceSettings(viewer: TicketViewer, service: ServiceCommunes): boolean {
  return Boolean(viewer.epci) || service.communes.length <= 1;
}

export function ticketScope(viewer: TicketViewer, service: ServiceMap): TicketScope {
  const queues = visibleQueues(viewer, service.queueIds);
  return { queues, communes: queues.length === 0 ? [] : visibleCommunes(viewer, service) };
}

/** A ticket from before communes (none stored) belongs to the default commune, where the migration puts it. */
export function canSeeTicket(viewer: TicketViewer, ticket: { queue: string; commune?: string | null }, service: ServiceMap): boolean {
  const scope = ticketScope(viewer, service);
  return scope.queues.includes(ticket.queue) && scope.communes.includes(ticket.commune ?? service.defaultCommune);
}
