import { compileLinearRegex, MAX_PROGRAM_SIZE, regexProblem } from '../../routing-rules/regex-safety';

describe('regexProblem', () => {
  test.each([
    'PC\\s?\\d{3}',
    '^(?:DP|PC)[ -]?\\d+',
    '(\\d{2}[ .]?){4}',
    '[(+*]+',
    '\\(a+\\)+',
    '(?<ref>\\d+)-\\d+',
    'a+?b*',
    // Catastrophic under a backtracking engine, linear under RE2: accepted because they are harmless now.
    '(a|a)*$',
    '\\s*\\s*\\s*\\s*\\s*x',
    '(a+)+',
    '(\\w*\\s?)*$',
  ])('accepts %s', (pattern) => {
    expect(regexProblem(pattern)).toBeUndefined();
  });

  test.each([
    ['(a)\\1', 'références arrière'],
    ['(?<n>a)\\k<n>', 'références arrière'],
    ['naissance(?= le)', 'assertions avant ou arrière'],
    ['(?<!pas de )permis', 'assertions avant ou arrière'],
    ['(', 'invalide ou non prise en charge'],
    ['a{1001}', 'invalide ou non prise en charge'],
    ['[\\s\\S]{1000}x', 'trop complexe'],
    ['x'.repeat(201), 'trop longue'],
  ])('refuses %s', (pattern, reason) => {
    expect(regexProblem(pattern)).toContain(reason);
  });

  test('an escaped backslash before a digit is not a backreference', () => {
    expect(regexProblem('C:\\\\1')).toBeUndefined();
    expect(regexProblem('[\\1]')).toContain('invalide ou non prise en charge');
  });

  test('flags: only i, m, s, u, once each', () => {
    expect(regexProblem('a', 'iu')).toBeUndefined();
    expect(regexProblem('a', 'g')).toContain('non autorisées');
    expect(regexProblem('a', 'ii')).toContain('non autorisées');
  });

  test(`the largest automaton allowed is ${MAX_PROGRAM_SIZE} steps`, () => {
    expect(regexProblem(`[\\s\\S]{${MAX_PROGRAM_SIZE - 10}}x`)).toBeUndefined();
    expect(regexProblem(`[\\s\\S]{${MAX_PROGRAM_SIZE}}x`)).toContain('trop complexe');
  });
});

describe('compileLinearRegex: JavaScript syntax, RE2 engine', () => {
  test.each<[string, string, string, boolean]>([
    ['naissance', 'i', 'Acte de NAISSANCE', true],
    ['état civil', 'i', 'ÉTAT CIVIL', true],
    ['\\u00e9tat', '', 'état', true],
    ['^objet', 'm', 'bonjour\nobjet : permis', true],
    ['^objet', '', 'bonjour\nobjet : permis', false],
    ['a.b', '', 'a\nb', false],
    ['a.b', 's', 'a\nb', true],
    ['(?<num>PC\\s?\\d{3})', '', 'dossier PC 075', true],
    ['\\bDP\\b', '', 'ADPE', false],
  ])('/%s/%s on %j → %s', (pattern, flags, text, expected) => {
    expect(compileLinearRegex(pattern, flags).test(text)).toBe(expected);
  });

  test('refuses what regexProblem refuses', () => {
    expect(() => compileLinearRegex('(a)\\1')).toThrow('références arrière');
  });

  test('matches the attack patterns on long texts and returns', () => {
    const attack = `${'a'.repeat(10_000)}!`;
    expect(compileLinearRegex('(a|a)*$').test(attack)).toBe(true);
    expect(compileLinearRegex('^(a|a)*$').test(attack)).toBe(false);
    expect(compileLinearRegex('\\s*\\s*\\s*\\s*\\s*x').test(' '.repeat(10_000))).toBe(false);
  });
});
