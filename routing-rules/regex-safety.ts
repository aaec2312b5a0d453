import { RE2JS } from 're2js';

/** Longest pattern a rule may hold: rules are written by staff, not generated. */
export const MAX_PATTERN_LENGTH = 200;
/** Regexes only see the first characters of a field: the time a match takes grows with the text, linearly. */
export const MAX_REGEX_INPUT_LENGTH = 10_000;
/**
 * Instructions of the compiled automaton: matching time is linear in the text but grows with the automaton too,
 * and a short pattern such as `[\s\S]{1000}` compiles to a thousand of them. Real rules need a few dozen.
 */
export const MAX_PROGRAM_SIZE = 250;

/** `g` and `y` make `RegExp.test` stateful, so they are not offered; `u` changes nothing (RE2 reads Unicode). */
const allowedRegexFlags = /^(?!.*(.).*\1)[imsu]*$/;

/** What a rule's condition runs: a match anywhere in the text, in time linear in its length. */
export interface LinearRegex {
  test(text: string): boolean;
}

/**
 * Rule patterns run on RE2's engine (re2js), which never backtracks: whatever the pattern and the text, a match
 * takes time linear in the text, so no rule can freeze the service (ReDoS). Patterns are written in JavaScript
 * syntax and translated; what RE2 cannot run in linear time (backreferences, lookarounds) is refused.
 */
export function compileLinearRegex(pattern: string, flags = ''): LinearRegex {
  const problem = regexProblem(pattern, flags);
  if (problem) throw new Error(problem);
  return compiled(pattern, flags);
}

/**
 * Explains, in French, why a pattern may not be used, or returns undefined when it is acceptable: too long, flags,
 * backreferences or lookarounds, syntax RE2 does not accept, or an automaton too large.
 */
export function regexProblem(pattern: string, flags = ''): string | undefined {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    return `expression régulière trop longue (${pattern.length} caractères, ${MAX_PATTERN_LENGTH} au plus)`;
  }
  if (!allowedRegexFlags.test(flags)) {
    return `options d'expression régulière « ${flags} » non autorisées (seules i, m, s et u le sont, sans répétition)`;
  }
  const unsupported = unsupportedConstruct(pattern);
  if (unsupported) return unsupported;
  let regex: RE2JS;
  try {
    regex = compiled(pattern, flags);
  } catch (error) {
    return `expression régulière invalide ou non prise en charge : ${(error as Error).message.replace(/^error parsing regexp: /, '')}`;
  }
  if (regex.programSize() > MAX_PROGRAM_SIZE) {
    return `expression régulière trop complexe (${regex.programSize()} étapes une fois compilée, ${MAX_PROGRAM_SIZE} au plus) : réduisez les répétitions comptées comme {1000}`;
  }
  return undefined;
}

/**
 * Looked for before compiling, for a clear message, and because the translation from JavaScript syntax would turn
 * `\k<nom>` into the letters « k<nom> » instead of refusing it. Escapes and character classes are skipped.
 */
function unsupportedConstruct(pattern: string): string | undefined {
  let index = 0;
  while (index < pattern.length) {
    const character = pattern[index];
    if (character === '\\') {
      const escaped = pattern[index + 1] ?? '';
      if (/[1-9]/.test(escaped) || (escaped === 'k' && pattern[index + 2] === '<')) {
        return 'les références arrière (\\1, \\k<nom>) ne sont pas autorisées';
      }
      index += 2;
    } else if (character === '[') {
      index = endOfCharacterClass(pattern, index);
    } else {
      if (character === '(' && /^\(\?<?[=!]/.test(pattern.slice(index, index + 4))) {
        return 'les assertions avant ou arrière ((?=…), (?!…), (?<=…), (?<!…)) ne sont pas prises en charge';
      }
      index += 1;
    }
  }
  return undefined;
}

function endOfCharacterClass(pattern: string, openingIndex: number): number {
  let index = openingIndex + 1;
  while (index < pattern.length && pattern[index] !== ']') index += pattern[index] === '\\' ? 2 : 1;
  return index + 1;
}

function compiled(pattern: string, flags: string): RE2JS {
  const options =
    (flags.includes('i') ? RE2JS.CASE_INSENSITIVE : 0) |
    (flags.includes('m') ? RE2JS.MULTILINE : 0) |
    (flags.includes('s') ? RE2JS.DOTALL : 0);
  return RE2JS.compile(RE2JS.translateRegExp(pattern), options);
}
