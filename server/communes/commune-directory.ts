import { listCommunes } from '../../models/communes/commune-repository';
import { communeWorkingSchedule } from '../../routing-rules/communes/commune-schedule';
import type { Commune } from '../../routing-rules/communes/commune-schema';
import { townHallName } from '../../routing-rules/communes/town-hall-name';
import { compileWorkingSchedule, type CompiledWorkingSchedule } from '../../routing-rules/working-schedule';
import type { ServiceCommunes } from '../../tickets/ticket-visibility';
import { ApplicationError } from '../application-error';

/**
 * The communes the service works for, kept in memory: intake (which commune a form or a mail is for), visibility
 * and calendars read them on every request, and they change a few times a year. Reloaded after a change made
 * here and periodically, for a change made by another instance.
 */
export class CommuneDirectory {
  private communes = new Map<string, Commune>();
  private byAddress = new Map<string, string>();
  private schedules = new Map<string, CompiledWorkingSchedule>();
  private refreshTimer: NodeJS.Timeout | undefined;
  private readonly loadedListeners: Array<() => void> = [];

  constructor(readonly defaultCommune: string) {}

  async load(): Promise<void> {
    const communes = await listCommunes();
    this.communes = new Map(communes.map((commune) => [commune.insee, commune]));
    this.byAddress = new Map(
      communes.flatMap((commune) => commune.inboxAddresses.map((address) => [address.toLowerCase(), commune.insee] as const)),
    );
    this.schedules = new Map(communes.map((commune) => [commune.insee, compileWorkingSchedule(communeWorkingSchedule(commune))]));
    for (const listener of this.loadedListeners) listener();
  }

  /** Called after each load: what works from the list beyond a lookup (a commune's own mailbox) follows it. */
  onLoaded(listener: () => void): void {
    this.loadedListeners.push(listener);
  }

  /** The commune's working time (opening hours, time zone, public holidays), compiled once per load. */
  schedule(insee: string | null | undefined): CompiledWorkingSchedule {
    return this.schedules.get(this.of(insee).insee)!;
  }

  /** Picks up changes made by another instance of the service. */
  startRefreshing(intervalMs: number, onError: (error: unknown) => void): void {
    this.refreshTimer = setInterval(() => void this.load().catch(onError), intervalMs);
    this.refreshTimer.unref();
  }

  stopRefreshing(): void {
    clearInterval(this.refreshTimer);
  }

  list(): Commune[] {
    return [...this.communes.values()];
  }

  get(insee: string): Commune | undefined {
    return this.communes.get(insee);
  }

  /** A commune that must exist (data carries its code): the default commune's for data from before communes. */
  of(insee: string | null | undefined): Commune {
    const commune = this.communes.get(insee ?? this.defaultCommune) ?? this.communes.get(this.defaultCommune);
    if (!commune) throw new Error(`Unknown commune ${insee ?? '(none)'} and no default commune ${this.defaultCommune}`);
    return commune;
  }

  /** The time zone these communes share, or `otherwise` when they are on different clocks (or none). */
  sharedTimeZone(insees: readonly string[], otherwise: string): string {
    const zones = new Set(insees.map((insee) => this.of(insee).timeZone));
    return zones.size === 1 ? [...zones][0] : otherwise;
  }

  serviceCommunes(): ServiceCommunes {
    return { defaultCommune: this.defaultCommune, communes: this.list().map((commune) => ({ insee: commune.insee, epci: commune.epci })) };
  }

  /** The active commune an address of the service receives for, or null for an address no active commune has. */
  communeOfRecipient(address: string): Commune | null {
    const commune = this.communeOfAddress(address);
    return commune?.active ? commune : null;
  }

  /**
   * The name a mail from one of the service's addresses is signed with: its commune's town hall (« Mairie
   * d’Obernai ») where the service has several communes; the service's own name (MAIL_FROM_NAME) otherwise, and for
   * an address no commune has.
   */
  senderName(address: string, serviceName: string): string {
    const commune = this.communeOfAddress(address);
    return commune && this.communes.size > 1 ? townHallName(commune.name) : serviceName;
  }

  /**
   * The commune a new request from a form is for: the one it names, which must be active; without a name, the
   * only active commune of a single-commune service. Refusals say why in French, before anything is stored.
   */
  intakeCommune(asked: string | undefined): string {
    if (asked === undefined) {
      const active = this.list().filter((commune) => commune.active);
      if (active.length === 1) return active[0].insee;
      throw new ApplicationError(
        'rejected',
        'Précisez la commune concernée (champ « commune », code INSEE) : ce service en dessert plusieurs.',
      );
    }
    const commune = this.communes.get(asked);
    if (!commune)
      throw new ApplicationError('rejected', `La commune ${asked} n'est pas desservie par ce service : vérifiez son code INSEE.`);
    if (!commune.active)
      throw new ApplicationError('rejected', `La commune ${commune.name} (${asked}) ne reçoit plus de demandes par ce service.`);
    return commune.insee;
  }

  /** The commune, active or not, one of whose addresses this is (addresses compared without case). */
  private communeOfAddress(address: string): Commune | undefined {
    return this.communes.get(this.byAddress.get(address.trim().toLowerCase()) ?? '');
  }
}
