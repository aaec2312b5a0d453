import {
  citizenLexicon,
  citizenLexiconSchema,
  expandQuestion,
  loadCitizenLexicon,
  officialWordsFor,
  type CitizenLexiconFile,
} from '../../classifiers/sources/citizen-lexicon';
import { ficheUrl, type FicheRecord } from '../../classifiers/sources/fiche-index';
import { loadShippedFicheSearch } from '../../classifiers/sources/load-fiche-index';
import { labelledQuestionSchema } from '../../classifiers/sources/retrieval-evaluation';
import { buildFicheSearchIndex, frenchSearchTerm, searchFiches } from '../../classifiers/sources/search-fiches';
import { readJsonLines } from '../../server/classification/read-json-lines';

const file: CitizenLexiconFile = {
  about: 'test',
  entries: [
    { topic: 'animaux', citizen: ['mordu', 'mordre'], official: 'morsure' },
    { topic: 'personnes âgées', citizen: ['maison de retraite'], official: 'ehpad' },
    { topic: 'assainissement', citizen: ["tout-à-l'égout"], official: 'assainissement collectif' },
  ],
};
const lexicon = citizenLexicon(file);

describe('officialWordsFor', () => {
  it.each([
    ['a word', 'mon fils a été mordu hier', ['morsure']],
    ['a phrase, whatever its case and accents', 'Ma mère entre en MAISON DE RETRAITE', ['ehpad']],
    ['hyphens and apostrophes split as the index splits them', 'pas raccordé au tout a l egout', ['assainissement collectif']],
    ['several entries, in the lexicon order', "maison de retraite : le chien l'a mordu", ['morsure', 'ehpad']],
    ['nothing for part of a word', 'les mordus de pétanque', []],
    ['nothing for the words of a phrase apart', 'une maison pour sa retraite', []],
  ])('%s', (_, text, expected) => {
    expect(officialWordsFor(lexicon, text)).toEqual(expected);
  });

  it('adds the official words to the question, which is otherwise kept as written', () => {
    expect(expandQuestion(lexicon, 'Il a mordu le facteur')).toBe('Il a mordu le facteur\nmorsure');
    expect(expandQuestion(lexicon, 'Rien à ajouter')).toBe('Rien à ajouter');
  });

  it('refuses a phrase without a word', () => {
    const result = citizenLexiconSchema.safeParse({ about: '', entries: [{ topic: 'x', citizen: ['?!'], official: 'y' }] });
    expect(result.success).toBe(false);
  });
});

function fiche(id: string, title: string, text: string): FicheRecord {
  return {
    id,
    audience: 'particuliers',
    title,
    url: ficheUrl('particuliers', id),
    date: '2020-01-01',
    theme: 'Loisirs',
    description: '',
    sections: [{ heading: 'En bref', text }],
  };
}

describe('searchFiches with a citizen lexicon', () => {
  const fiches = [
    fiche(
      'F1',
      'Que faire en cas de morsure d’un animal ?',
      'Après une morsure de chien ou de chat, l’animal est surveillé par un vétérinaire.',
    ),
    fiche('F2', 'Ehpad : établissement pour personnes âgées dépendantes', 'Demande d’admission et tarifs.'),
    fiche('F3', 'Avoir un chien', 'Le chien doit être identifié.'),
  ];

  it.each([
    ['mon fils s’est fait mordre par le chien du voisin', 'F3', 'F1'],
    ['comment trouver une maison de retraite pour ma mère', undefined, 'F2'],
  ])('"%s": the fiche the citizen means comes first only with the lexicon', (question, without, withLexicon) => {
    expect(searchFiches(buildFicheSearchIndex(fiches), question, 1)[0]?.id).toBe(without);
    expect(searchFiches(buildFicheSearchIndex(fiches, lexicon), question, 1)[0]?.id).toBe(withLexicon);
  });
});

describe('the shipped lexicon and tune questions', () => {
  const shipped = loadShippedFicheSearch();

  it('names only words the fiches use', () => {
    const unknown = loadCitizenLexicon()
      .entries.flatMap((entry) => entry.official.split(/[\s'’-]+/))
      .filter((word) => frenchSearchTerm(word) !== null)
      .filter(
        (word) =>
          shipped.sections.search(word, { prefix: false, fuzzy: false }).length === 0 &&
          shipped.about.search(word, { prefix: false, fuzzy: false }).length === 0,
      );
    expect(unknown).toEqual([]);
  });

  it('tune questions: at least 150, each pointing to a fiche of the index', () => {
    const ids = new Set(shipped.fiches.map((record) => record.id));
    const questions = readJsonLines('training/answers/questions-tune.jsonl', labelledQuestionSchema);
    expect(questions.length).toBeGreaterThanOrEqual(150);
    expect(questions.every((question) => question.split === 'tune')).toBe(true);
    expect(questions.filter((question) => !ids.has(question.fiche))).toEqual([]);
  });
});
