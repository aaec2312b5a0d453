import { z } from 'zod';

import { inseeCodeSchema } from './insee-code';

/**
 * Where a commune's setting (a mail template, a checklist, its facts…) comes from: the commune's own override, else
 * the service's (the EPCI's, for every commune), else what ships with Aiguillage.
 */
export type SettingLevel = 'commune' | 'service' | 'shipped';

/** The level a setting is read or written at: a commune's (its INSEE code) or the service's (null). */
export const settingLevelSchema = z.object({ commune: inseeCodeSchema.optional() }).transform(({ commune }) => commune ?? null);

/** One stored version of a setting, at the service's level (`commune` null or absent) or at a commune's. */
export interface StoredSetting<T> {
  commune?: string | null;
  value: T;
}

/** The setting that applies to `commune` (null: the service's own), and the level it comes from. */
export function settingForCommune<T>(
  stored: readonly StoredSetting<T>[],
  commune: string | null,
  shipped: T,
): { value: T; level: SettingLevel } {
  const own = commune === null ? undefined : stored.find((setting) => setting.commune === commune);
  if (own) return { value: own.value, level: 'commune' };
  const service = stored.find((setting) => setting.commune === null || setting.commune === undefined);
  if (service) return { value: service.value, level: 'service' };
  return { value: shipped, level: 'shipped' };
}

/**
 * Whether someone whose settings scope is `scope` (see tickets/ticket-visibility: the communes whose own settings
 * they change, and whether the service's) may change the setting at `commune`'s level (null: the service's).
 */
export function mayChangeSettingLevel(scope: { communes: readonly string[]; serviceWide: boolean }, commune: string | null): boolean {
  return commune === null ? scope.serviceWide : scope.communes.includes(commune);
}

/** The level as the web app shows it beside a setting. */
export function describeSettingLevel(level: SettingLevel, communeName: string): string {
  if (level === 'commune') return `Propre à la commune ${communeName}`;
  if (level === 'service') return 'Celui du service (EPCI), pour toutes les communes';
  return 'Rien n’est enregistré à ce niveau : les valeurs par défaut d’Aiguillage s’appliquent';
}
