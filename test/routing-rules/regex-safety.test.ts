import { regexProblem } from '../../routing-rules/regex-safety';

describe('regexProblem', () => {
  test.each(['PC\\s?\\d{3}', '^(?:DP|PC)[ -]?\\d+', '(\\d{2}[ .]?){4}', '[(+*]+', '\\(a+\\)+', '(?<ref>\\d+)-\\d+', 'a+?b*'])(
    'accepts %s',
    (pattern) => {
      expect(regexProblem(pattern)).toBeUndefined();
    },
  );

  test.each([
    ['(a+)+', 'quantificateurs imbriqués'],
    ['(\\w*\\s?)*$', 'quantificateurs imbriqués'],
    ['((ab)+c)+', 'quantificateurs imbriqués'],
    ['(?:x|y+){2,}', 'quantificateurs imbriqués'],
    ['(a)\\1', 'références arrière'],
    ['(?<n>a)\\k<n>', 'références arrière'],
    ['(', 'invalide'],
  ])('refuses %s', (pattern, reason) => {
    expect(regexProblem(pattern)).toContain(reason);
  });

  test('flags: only i, m, s, u, once each', () => {
    expect(regexProblem('a', 'iu')).toBeUndefined();
    expect(regexProblem('a', 'g')).toContain('non autorisées');
    expect(regexProblem('a', 'ii')).toContain('non autorisées');
  });
});
