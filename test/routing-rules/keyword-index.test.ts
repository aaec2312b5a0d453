import { foldForKeywords, KeywordIndex, KeywordSource, TextPart } from '../../routing-rules/keyword-index';

function sourceOf(index: KeywordIndex, parts: Record<TextPart, string>): KeywordSource {
  return {
    keywordHits: (part) => index.scan(parts[part]),
    foldedPart: (part) => foldForKeywords(parts[part]),
  };
}

function matches(keywords: string[], text: string, match: 'any' | 'all' = 'any'): boolean {
  const index = new KeywordIndex();
  const matcher = index.matcherFor(keywords, match, ['text']);
  return matcher(sourceOf(index, { subject: '', text }));
}

describe('foldForKeywords', () => {
  test('removes accents and case, spells out ligatures, keeps one space between words', () => {
    expect(foldForKeywords('  Œuvre d’ÉTÉ — 150 € « à côté »… ')).toBe(' oeuvre d ete 150 a cote ');
    expect(foldForKeywords('')).toBe(' ');
  });

  test('other scripts go through Unicode decomposition', () => {
    expect(foldForKeywords('Școala Nr. 5 — مدرسة')).toBe(' scoala nr 5 مدرسة ');
  });
});

describe('KeywordIndex', () => {
  test('whole words only, whatever the accents', () => {
    expect(matches(['école'], 'Inscription à l’ECOLE maternelle')).toBe(true);
    expect(matches(['école'], 'les écoles')).toBe(false);
    expect(matches(['cole'], 'école')).toBe(false);
  });

  test('prefixes match the start of a word', () => {
    expect(matches(['inond*'], 'Cave INONDÉE hier soir')).toBe(true);
    expect(matches(['nond*'], 'Cave inondée')).toBe(false);
  });

  test('phrases need their words in order and next to each other', () => {
    expect(matches(['fuite de gaz'], 'Une fuite de gaz, vite !')).toBe(true);
    expect(matches(['fuite de gaz'], 'gaz : fuite de quoi ?')).toBe(false);
    expect(matches(['fuite de g*'], 'Une fuite de gazole')).toBe(true);
  });

  test('words of other scripts are found too', () => {
    expect(matches(['مدرسة'], 'Bonjour, مدرسة ابتدائية')).toBe(true);
    expect(matches(['scoala'], 'Școala nr. 5')).toBe(true);
  });

  test('any against all', () => {
    expect(matches(['arbre', 'inondation'], 'un arbre est tombé', 'any')).toBe(true);
    expect(matches(['arbre', 'inondation'], 'un arbre est tombé', 'all')).toBe(false);
    expect(matches(['arbre', 'tombe'], 'un arbre est tombé', 'all')).toBe(true);
  });

  test('with both parts, each keyword may be in either part but a phrase stays within one', () => {
    const index = new KeywordIndex();
    const all = index.matcherFor(['arbre', 'chute'], 'all', ['subject', 'text']);
    const phrase = index.matcherFor(['arbre tombé'], 'any', ['subject', 'text']);
    const source = sourceOf(index, { subject: 'Arbre', text: 'chute de branches, tombé sur la voiture' });
    expect(all(source)).toBe(true);
    expect(phrase(source)).toBe(false);
  });

  test('one scan of a part answers every matcher of the index', () => {
    const index = new KeywordIndex();
    const danger = index.matcherFor(['danger'], 'any', ['text']);
    const fall = index.matcherFor(['chute*'], 'any', ['text']);
    const flood = index.matcherFor(['inondation'], 'any', ['text']);
    const hits = index.scan('Danger : risque de chutes');
    const source: KeywordSource = { keywordHits: () => hits, foldedPart: () => ' danger risque de chutes ' };
    expect([danger(source), fall(source), flood(source)]).toEqual([true, true, false]);
  });
});
