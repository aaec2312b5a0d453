import { weekdays, type WorkingSchedule } from '../../../routing-rules/working-schedule';

const frenchWeekdays: Record<(typeof weekdays)[number], string> = {
  mon: 'lundi',
  tue: 'mardi',
  wed: 'mercredi',
  thu: 'jeudi',
  fri: 'vendredi',
  sat: 'samedi',
  sun: 'dimanche',
};

function frenchTime(time: string): string {
  const [hours, minutes] = time.split(':');
  return `${Number(hours)} h${minutes === '00' ? '' : ` ${minutes}`}`;
}

/** "du lundi au vendredi, de 8 h 30 à 12 h et de 13 h 30 à 17 h 30": consecutive days with the same hours grouped. */
export function describeOpeningHours(schedule: WorkingSchedule): string {
  const groups: Array<{ first: string; last: string; hours: string }> = [];
  for (const day of weekdays) {
    const slots = schedule.week[day] ?? [];
    if (slots.length === 0) continue;
    const hours = slots.map((slot) => `de ${frenchTime(slot.start)} à ${frenchTime(slot.end)}`).join(' et ');
    const previous = groups.at(-1);
    const consecutive = previous && weekdays.indexOf(previous.last as (typeof weekdays)[number]) === weekdays.indexOf(day) - 1;
    if (previous && consecutive && previous.hours === hours) previous.last = day;
    else groups.push({ first: day, last: day, hours });
  }
  if (groups.length === 0) return 'sur rendez-vous uniquement';
  return groups
    .map((group) => {
      const first = frenchWeekdays[group.first as (typeof weekdays)[number]];
      const last = frenchWeekdays[group.last as (typeof weekdays)[number]];
      return `${group.first === group.last ? `le ${first}` : `du ${first} au ${last}`}, ${group.hours}`;
    })
    .join(' ; ');
}
