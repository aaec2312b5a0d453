import { ficheFromVdd, type VddNode } from '../../classifiers/sources/fiche-from-vdd';
import { ficheUrl, type FicheRecord } from '../../classifiers/sources/fiche-index';
import { loadShippedFicheSearch } from '../../classifiers/sources/load-fiche-index';
import { labelledQuestionSchema, scoreRetrieval } from '../../classifiers/sources/retrieval-evaluation';
import {
  buildFicheSearchIndex,
  excerptOf,
  loadFicheSearch,
  searchFiches,
  serializeFicheSearch,
} from '../../classifiers/sources/search-fiches';
import { readJsonLines } from '../../server/classification/read-json-lines';

const text = (value: string): VddNode => ({ type: 'text', text: value });
const element = (name: string, children: VddNode[] = [], attributes?: Record<string, string>): VddNode => ({
  type: 'element',
  name,
  children,
  attributes,
});
const paragraph = (value: string) => element('Paragraphe', [text(value)]);
const chapter = (title: string, ...body: VddNode[]) => element('Chapitre', [element('Titre', [paragraph(title)]), ...body]);

function vddFile(type: string, body: VddNode[]): VddNode {
  return element('', [
    element(
      'Publication',
      [
        element('dc:title', [text('Acte de naissance : demande de copie')]),
        element('dc:description', [text('Comment obtenir une copie.')]),
        element('dc:date', [text('modified 2020-03-04')]),
        element('FilDAriane', [
          element('Niveau', [text('Accueil particuliers')]),
          element('Niveau', [text('Papiers - Citoyenneté')]),
          element('Niveau', [text('Actes')]),
          element('Niveau', [text('Acte de naissance')]),
        ]),
        ...body,
      ],
      { ID: 'F1427', type },
    ),
  ]);
}

describe('ficheFromVdd', () => {
  it.each<[string, VddNode, { heading: string; text: string }[] | null]>([
    [
      'introduction and chapters',
      vddFile("Fiche d'information", [
        element('Introduction', [element('Texte', [paragraph('Un acte peut être copié.')])]),
        element('Texte', [chapter('Coût', paragraph('Gratuit.'))]),
      ]),
      [
        { heading: 'En bref', text: 'Un acte peut être copié.' },
        { heading: 'Coût', text: 'Gratuit.' },
      ],
    ],
    [
      'a situation prefixes its chapters, lists become dashed lines, links and sources are read as text or left out',
      vddFile("Fiche d'information", [
        element('ListeSituations', [
          element('Situation', [
            element('Titre', [text('Né(e) en France')]),
            element('Texte', [
              chapter(
                'Faire la demande',
                element('Paragraphe', [text('Auprès de la '), element('MiseEnEvidence', [text('mairie')]), text(' du lieu de naissance.')]),
                element('Liste', [element('Item', [paragraph('nom,')]), element('Item', [paragraph('prénoms')])]),
                element('Source', [text('Direction de l’information légale')]),
              ),
            ]),
          ]),
        ]),
      ]),
      [{ heading: 'Né(e) en France — Faire la demande', text: 'Auprès de la mairie du lieu de naissance.\n- nom,\n- prénoms' }],
    ],
    [
      'a question-answer fiche: text before its first chapter',
      vddFile('Fiche Question-réponse', [
        element('Texte', [paragraph('Oui, sous conditions.'), chapter('Démarche', paragraph('En mairie.'))]),
      ]),
      [
        { heading: 'En bref', text: 'Oui, sous conditions.' },
        { heading: 'Démarche', text: 'En mairie.' },
      ],
    ],
    ['a guided search is not a fiche', vddFile('Recherche guidée', [element('Texte', [paragraph('Choisissez.')])]), null],
    ['a page without text is not a fiche', vddFile("Fiche d'information", []), null],
  ])('%s', (_, file, sections) => {
    const fiche = ficheFromVdd(file, 'particuliers');
    if (sections === null) {
      expect(fiche).toBeNull();
      return;
    }
    expect(fiche).toMatchObject({
      id: 'F1427',
      title: 'Acte de naissance : demande de copie',
      url: 'https://www.service-public.fr/particuliers/vosdroits/F1427',
      date: '2020-03-04',
      theme: 'Papiers - Citoyenneté > Actes',
      sections,
    });
  });
});

function fiche(id: string, title: string, sections: [string, string][], theme = 'Papiers - Citoyenneté'): FicheRecord {
  return {
    id,
    audience: 'particuliers',
    title,
    url: ficheUrl('particuliers', id),
    date: '2020-01-01',
    theme,
    description: '',
    sections: sections.map(([heading, body]) => ({ heading, text: body })),
  };
}

const fiches = [
  fiche('F1', 'Acte de naissance : demande de copie intégrale', [
    ['En bref', 'Un acte de naissance peut être délivré en copie intégrale ou en extrait.'],
    ['Faire la demande', 'La demande se fait auprès de la mairie du lieu de naissance, en ligne ou par courrier.'],
    ['Coût', 'La démarche est gratuite.'],
  ]),
  fiche('F2', 'Listes électorales : nouvelle inscription', [
    ['En bref', 'Pour voter, il faut être inscrit sur la liste électorale de sa commune.'],
    ['Pièces à fournir', 'Justificatif d’identité et justificatif de domicile récent.'],
  ]),
  fiche(
    'F3',
    'Avoir un chien susceptible d’être dangereux',
    [['Permis de détention', 'Le propriétaire d’un chien de catégorie 1 ou 2 doit obtenir un permis de détention délivré par le maire.']],
    'Loisirs > Animal de compagnie',
  ),
  fiche('F4', 'Déclaration de décès', [['Délai', 'Le décès doit être déclaré à la mairie dans les 24 heures.']], 'Famille > Décès'),
];
const index = buildFicheSearchIndex(fiches);

describe('searchFiches', () => {
  it.each([
    ['the words of a title', 'copie intégrale acte de naissance', 'F1'],
    ['no accents, as in a text message', 'inscription liste electorale', 'F2'],
    ['plural and inflected forms (stems)', 'les chiens dangereux', 'F3'],
    ['capitals and punctuation', 'DÉCLARATION DU DÉCÈS !!!', 'F4'],
    [
      'a long message around one question',
      'Bonjour, je vous écris car mon voisin a un chien de catégorie 2 sans permis de détention, merci.',
      'F3',
    ],
  ])('%s', (_, query, expected) => {
    expect(searchFiches(index, query, 3)[0]?.id).toBe(expected);
  });

  it.each([
    ['what it costs', 'combien coûte une copie de naissance', 'F1', 'Coût'],
    ['where to ask', 'où faire la demande de copie de naissance, en ligne ?', 'F1', 'Faire la demande'],
    ['the documents to bring', 'justificatif de domicile pour voter', 'F2', 'Pièces à fournir'],
  ])('returns the section about %s', (_, query, id, section) => {
    const [hit] = searchFiches(index, query, 1);
    expect(hit).toMatchObject({ id, section, url: `https://www.service-public.fr/particuliers/vosdroits/${id}`, date: '2020-01-01' });
    expect(hit.excerpt).toBe(fiches.find((candidate) => candidate.id === id)?.sections.find((part) => part.heading === section)?.text);
  });

  it('returns at most k fiches, best first', () => {
    const hits = searchFiches(index, 'mairie', 2);
    expect(hits).toHaveLength(2);
    expect(hits[0].score).toBeGreaterThanOrEqual(hits[1].score);
  });

  it.each([
    ['only function words and greetings', 'bonjour je vous le la les'],
    ['nothing indexed', 'xylophone'],
    ['empty', ''],
  ])('finds nothing for %s', (_, query) => {
    expect(searchFiches(index, query, 3)).toEqual([]);
  });

  it('answers the same once serialized and loaded, and refuses an index built for other fiches', () => {
    const loaded = loadFicheSearch(fiches, serializeFicheSearch(index));
    for (const query of ['acte de naissance', 'chien', 'liste électorale'])
      expect(searchFiches(loaded, query)).toEqual(searchFiches(index, query));
    expect(() => loadFicheSearch(fiches.slice(1), serializeFicheSearch(index))).toThrow(/build:fiches/);
  });
});

describe('excerptOf', () => {
  it.each([
    ['a short text whole', 'une ligne\ndeux lignes', 50, 'une ligne\ndeux lignes'],
    ['whole lines up to the length', 'première ligne\ndeuxième ligne\ntroisième ligne', 30, 'première ligne\ndeuxième ligne\n…'],
    ['a long first line at a word boundary', 'un deux trois quatre cinq six', 12, 'un deux …'],
  ])('keeps %s', (_, body, length, expected) => {
    expect(excerptOf(body, length)).toBe(expected);
  });
});

describe('scoreRetrieval', () => {
  it('counts the right fiche first (hit@1) and among the first three (hit@3)', () => {
    const score = scoreRetrieval(index, [
      { text: 'copie acte de naissance', fiche: 'F1' },
      { text: 'copie acte de naissance', fiche: 'F2' },
      { text: 'xylophone', fiche: 'F3' },
    ]);
    expect(score).toMatchObject({ questions: 3, hitAt1: 1 / 3 });
    expect(score.hitAt3).toBeGreaterThanOrEqual(1 / 3);
    expect(score.misses.map((miss) => miss.expected)).toContain('F3');
  });
});

describe('the shipped index', () => {
  const shipped = loadShippedFicheSearch();

  it('holds every fiche the hand-written questions point to', () => {
    const ids = new Set(shipped.fiches.map((record) => record.id));
    const questions = readJsonLines('training/answers/questions.jsonl', labelledQuestionSchema);
    expect(questions.length).toBeGreaterThanOrEqual(150);
    expect(questions.filter((question) => question.split === 'test').length).toBeGreaterThanOrEqual(100);
    expect(questions.filter((question) => !ids.has(question.fiche))).toEqual([]);
  });

  it.each([
    ['copie intégrale acte de naissance', 'F1427'],
    ['déclaration préalable de travaux', 'F17578'],
    ['subvention pour une association', 'F3180'],
  ])('finds "%s" (%s), with a link and a date', (query, id) => {
    const [hit] = searchFiches(shipped, query, 3);
    expect(hit.id).toBe(id);
    expect(hit.url).toMatch(/^https:\/\/www\.service-public\.fr\/(particuliers|associations)\/vosdroits\/F\d+$/);
    expect(hit.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
