import type { Entity } from '../entities/entity';
import { toMatchingText } from '../entities/matching-text';

/** Whether a date entity is somebody's date of birth: "né le 3 mars 2015", "date de naissance : 03/03/2015", "DDN 3/3/15". */
export function isBirthDate(text: string, date: Entity): boolean {
  const before = toMatchingText(text.slice(Math.max(0, date.start - 40), date.start));
  return birthIntroducer.test(before);
}

const birthIntroducer =
  /(?:(?<!\p{L})nee?s?(?:\(e\))?|(?<!\p{L})naissance|(?<!\p{L})ddn|(?<!\p{L})date\s+de\s+naissance)\s*(?:[:,-]\s*)?(?:le|en|du)?\s*$/iu;
