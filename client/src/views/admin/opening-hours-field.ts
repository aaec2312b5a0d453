import type { OpeningHours } from '../../../../routing-rules/communes/commune-schema';
import { weekdayLabels } from '../../../../routing-rules/describe-condition';
import type { Weekday } from '../../../../routing-rules/working-schedule';
import { ApiError } from '../../api/api-error';
import { labelled } from '../../dom/action-form';
import { h } from '../../dom/element';

export interface OpeningHoursField {
  element: HTMLElement;
  /** The hours typed; throws a refusal naming the day whose line cannot be read. */
  value(): OpeningHours;
}

const slotPattern = /^(\d{1,2})[:h](\d{2})\s*-\s*(\d{1,2})[:h](\d{2})$/;

/**
 * A commune's opening hours, one line per weekday (« 08:30-12:00, 13:30-17:30 »; empty: closed). The server checks
 * the times themselves; this only reads the line into slots.
 */
export function openingHoursField(hours: OpeningHours): OpeningHoursField {
  const days = (Object.entries(weekdayLabels) as Array<[Weekday, string]>).map(([day, label]) => ({
    day,
    label,
    input: h('input', {
      type: 'text',
      name: `openingHours.${day}`,
      value: (hours[day] ?? []).map((slot) => `${slot.start}-${slot.end}`).join(', '),
      autocomplete: 'off',
    }),
  }));
  return {
    element: h(
      'fieldset',
      { class: 'condition-group' },
      h('legend', {}, 'Horaires d’ouverture'),
      h('p', { class: 'hint' }, 'Par exemple 08:30-12:00, 13:30-17:30. Laissez vide un jour de fermeture.'),
      days.map((entry) => labelled(`Le ${entry.label}`, entry.input)),
    ),
    value() {
      const week: OpeningHours = {};
      for (const { day, label, input } of days) {
        const parts = input.value
          .split(/[,;]/)
          .map((part) => part.trim())
          .filter(Boolean);
        if (parts.length === 0) continue;
        week[day] = parts.map((part) => {
          const match = slotPattern.exec(part);
          if (!match) {
            const message = `Horaires du ${label} illisibles : « ${part} » (attendu : 08:30-12:00).`;
            // Refused as the server refuses a field, so that the form marks and focuses this day's line.
            throw new ApiError(400, message, [{ field: input.name, message }]);
          }
          const time = (hour: string, minute: string) => `${hour.padStart(2, '0')}:${minute}`;
          return { start: time(match[1], match[2]), end: time(match[3], match[4]) };
        });
      }
      return week;
    },
  };
}
