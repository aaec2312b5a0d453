import { mayChangeSettingLevel } from '../../routing-rules/communes/setting-levels';
import { ApplicationError } from '../application-error';

/** The communes whose own settings someone changes, and whether the service's (TicketWorkflow.settingsScope). */
export type SettingsScope = { communes: readonly string[]; serviceWide: boolean };

/**
 * The one check of who reads and changes a setting at a level: a commune's level is its staff's (and the EPCI's),
 * the service's level is read by every supervisor (it is what their commune inherits) and changed by the EPCI's.
 */
export function assertSettingLevelAccess(scope: SettingsScope, commune: string | null, access: 'read' | 'change'): void {
  if (commune !== null && !scope.communes.includes(commune))
    throw new ApplicationError('forbidden', `Les réglages de la commune ${commune} ne sont pas de votre ressort.`);
  if (access === 'change' && !mayChangeSettingLevel(scope, commune))
    throw new ApplicationError(
      'forbidden',
      "Les réglages du service valent pour toutes les communes : seul l'EPCI les modifie. Modifiez ceux de votre commune.",
    );
}
