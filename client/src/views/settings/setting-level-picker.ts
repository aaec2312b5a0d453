import { describeSettingLevel, type SettingLevel } from '../../../../routing-rules/communes/setting-levels';
import { labelled } from '../../dom/action-form';
import { h } from '../../dom/element';

/** GET /api/communes/levels: a level a settings screen offers (commune null: the service's) and whether it may be changed. */
export interface SettingLevelChoice {
  commune: string | null;
  name: string;
  changes: boolean;
}

export interface SettingLevelPicker {
  /** The selector, or null in a service of one commune, which has one level only. */
  element: HTMLElement | null;
  /** The level shown first: the first the user may change (their commune's, or the service's for the EPCI's). */
  initial: SettingLevelChoice;
  /** Whether the screens say where each setting comes from (only where there are several levels). */
  several: boolean;
}

/**
 * Which level a settings screen reads and writes: the service's (every commune inherits it) or one of the user's
 * communes (its own settings, over the service's). The server checks who may change which; this only chooses.
 */
export function settingLevelPicker(
  levels: readonly SettingLevelChoice[],
  onChange: (level: SettingLevelChoice) => void,
): SettingLevelPicker {
  const initial = levels.find((level) => level.changes) ?? levels[0]!;
  if (levels.length <= 1) return { element: null, initial, several: false };
  const select: HTMLSelectElement = h(
    'select',
    { name: 'level', onChange: (): void => onChange(levels[Number(select.value)]!) },
    levels.map((level, index) => h('option', { value: String(index), selected: level === initial }, level.name)),
  );
  return {
    element: h(
      'div',
      { class: 'setting-level' },
      labelled('Niveau des réglages', select, 'Une commune reprend ceux du service tant qu’elle n’a pas les siens.'),
    ),
    initial,
    several: true,
  };
}

/** The query naming a level, for the settings' routes (`?commune=INSEE`, nothing for the service's). */
export function levelQuery(level: SettingLevelChoice): string {
  return level.commune === null ? '' : `?commune=${encodeURIComponent(level.commune)}`;
}

/** Where the setting shown comes from, in the words of describeSettingLevel; nothing where there is one level. */
export function levelNote(
  picker: Pick<SettingLevelPicker, 'several'>,
  level: SettingLevel,
  choice: SettingLevelChoice,
): HTMLElement | null {
  if (!picker.several) return null;
  const readOnly = choice.changes ? '' : ' Vous les consultez ; seul l’EPCI les modifie.';
  return h('p', { class: 'hint' }, `Provenance : ${describeSettingLevel(level, choice.name)}.${readOnly}`);
}
