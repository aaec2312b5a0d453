/** Longest pattern a rule may hold: rules are written by staff, not generated. */
export const MAX_PATTERN_LENGTH = 200;
/** Regexes only see the first characters of a field, a second guard after the nested-quantifier ban. */
export const MAX_REGEX_INPUT_LENGTH = 10_000;

/** `g` and `y` make `RegExp.test` stateful, so they are not offered. */
const allowedRegexFlags = /^(?!.*(.).*\1)[imsu]*$/;

/**
 * Explains, in French, why a pattern may not be used, or returns undefined when it is acceptable:
 * invalid syntax, too long, backreferences, or a group repeated without bound that itself contains a
 * quantifier (`(a+)+`, `(\w*\s?)*`), the shape behind catastrophic backtracking.
 */
export function regexProblem(pattern: string, flags = ''): string | undefined {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    return `expression régulière trop longue (${pattern.length} caractères, ${MAX_PATTERN_LENGTH} au plus)`;
  }
  if (!allowedRegexFlags.test(flags)) {
    return `options d'expression régulière « ${flags} » non autorisées (seules i, m, s et u le sont, sans répétition)`;
  }
  try {
    new RegExp(pattern, flags);
  } catch (error) {
    return `expression régulière invalide : ${(error as Error).message}`;
  }
  return structuralProblem(pattern);
}

interface GroupFrame {
  containsQuantifier: boolean;
}

function structuralProblem(pattern: string): string | undefined {
  const stack: GroupFrame[] = [{ containsQuantifier: false }];
  let closedGroup: GroupFrame | undefined;
  let index = 0;
  while (index < pattern.length) {
    const character = pattern[index];
    if (character === '\\') {
      const next = pattern[index + 1] ?? '';
      if (/[1-9]/.test(next) || (next === 'k' && pattern[index + 2] === '<')) {
        return 'les références arrière (\\1, \\k<nom>) ne sont pas autorisées';
      }
      index += 2;
      closedGroup = undefined;
      continue;
    }
    if (character === '[') {
      index = endOfCharacterClass(pattern, index);
      closedGroup = undefined;
      continue;
    }
    if (character === '(') {
      stack.push({ containsQuantifier: false });
      index += 1;
      if (pattern[index] === '?') index += 1;
      closedGroup = undefined;
      continue;
    }
    if (character === ')') {
      closedGroup = stack.length > 1 ? stack.pop() : undefined;
      if (closedGroup?.containsQuantifier) stack[stack.length - 1].containsQuantifier = true;
      index += 1;
      continue;
    }
    const quantifier = quantifierAt(pattern, index);
    if (quantifier) {
      if (quantifier.unbounded && closedGroup?.containsQuantifier) {
        return 'quantificateurs imbriqués (par exemple (a+)+) interdits : ils peuvent bloquer le traitement';
      }
      stack[stack.length - 1].containsQuantifier = true;
      index += quantifier.length;
      if (pattern[index] === '?') index += 1;
      closedGroup = undefined;
      continue;
    }
    closedGroup = undefined;
    index += 1;
  }
  return undefined;
}

function endOfCharacterClass(pattern: string, openingIndex: number): number {
  let index = openingIndex + 1;
  while (index < pattern.length && pattern[index] !== ']') index += pattern[index] === '\\' ? 2 : 1;
  return index + 1;
}

/** A bounded repeat such as `{4}` caps the backtracking, so only `*`, `+` and `{n,}` count as unbounded. */
function quantifierAt(pattern: string, index: number): { length: number; unbounded: boolean } | undefined {
  const character = pattern[index];
  if (character === '*' || character === '+') return { length: 1, unbounded: true };
  if (character === '?') return { length: 1, unbounded: false };
  if (character !== '{') return undefined;
  const bounds = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(index));
  if (!bounds) return undefined;
  return { length: bounds[0].length, unbounded: bounds[2] !== undefined && bounds[3] === '' };
}
