import { extractEntities } from '../../classifiers/entities/extract-entities';
import { extractRequestEntities } from '../../classifiers/entities/extract-request-entities';
import { allIntentIds, defaultTaxonomy } from '../../classifiers/taxonomy/taxonomy';
import { assessRequest } from '../../routing-rules/checklists/assess-request';
import { completenessLabel, missingInformationText } from '../../routing-rules/checklists/assistance-text';
import { scoreMissing } from '../../routing-rules/checklists/checklist-metrics';
import { checklistSetProblems } from '../../routing-rules/checklists/checklist-set-problems';
import { compileChecklistSet } from '../../routing-rules/checklists/compile-checklist-set';
import { defaultChecklistSet } from '../../routing-rules/checklists/default-checklist-set';
import { evaluateChecklist } from '../../routing-rules/checklists/evaluate-checklist';
import { messageEvidence } from '../../routing-rules/checklists/message-evidence';

const receivedAt = new Date('2025-03-17T09:00:00+01:00');
const timeZone = 'Europe/Paris';
const shipped = compileChecklistSet(defaultChecklistSet());
const knownIntents = allIntentIds(defaultTaxonomy);
const evidenceOf = (...texts: string[]) =>
  messageEvidence(texts.map((text) => ({ text, entities: extractRequestEntities(text, { receivedAt, timeZone }, extractEntities) })));
const missingOf = (intent: string, ...texts: string[]) =>
  evaluateChecklist(shipped.checklists.get(intent)!, evidenceOf(...texts))?.missing ?? null;
const toVerifyOf = (intent: string, ...texts: string[]) =>
  evaluateChecklist(shipped.checklists.get(intent)!, evidenceOf(...texts))
    ?.items.filter((item) => item.toVerify)
    .map((item) => item.id) ?? null;
const longBooking = `Bonjour, nous organisons le repas annuel de notre association de quartier le samedi 14 juin pour 50 personnes. ${'Nous aurons besoin des tables, des chaises, de la cuisine et de la sono pour le repas, avec un espace pour les enfants. '.repeat(8)}Merci.`;

describe('shipped checklists', () => {
  test.each([
    // « mon acte »: the person is the requester, whose name the mail or form gives. Only the items whose requests
    // were never wrong in either half of the tune part are asked (see askDecisions); the others are the agent's.
    [
      'copie-acte-naissance',
      'Bonjour, il me faudrait une copie intégrale de mon acte de naissance. Merci.',
      ['filiation'],
      ['date-naissance'],
    ],
    [
      'copie-acte-naissance',
      "Bonjour, il me faudrait une copie intégrale de l'acte de naissance de Jean Morel.",
      ['filiation'],
      ['date-naissance', 'lien'],
    ],
    // A name read as one but not next to « père » or « mère »: perhaps a parent's, so the parents are not asked for.
    [
      'copie-acte-naissance',
      'Bonjour, il me faudrait une copie intégrale de mon acte de naissance. Mon nom est Mme Claire Martin.',
      [],
      ['date-naissance', 'filiation'],
    ],
    [
      'copie-acte-naissance',
      "Bonjour, je voudrais une copie intégrale de mon acte de naissance : Pauline Mercier, née le 9 février 1994, mes parents s'appellent Jean-Marc Mercier et Sandrine Loubet.",
      [],
      [],
    ],
    // An « extrait sans filiation » needs neither the parents' names nor the requester's link to the person.
    ['copie-acte-naissance', 'Un extrait sans filiation au nom de DUPUIS Kévin né le 05/05/1999, svp.', [], []],
    ['copie-acte-naissance', 'besoin acte naissance pr mon fils svp', ['filiation'], ['personne', 'date-naissance']],
    ['copie-acte-deces', 'Bjr jvoudrais un acte de deces pr mon grand pere svp cest pr la banque', [], ['defunt', 'date-deces']],
    ['location-salle', 'reserver salle pr repas famille 40 pers dimanche 8 juin', ['horaires'], []],
    // « à partir de 19 » may be the time: the agent checks it rather than asking for it.
    ['location-salle', 'reserver salle pr repas famille 40 pers dimanche 8 juin a partir de 19', [], ['horaires']],
    // A long message may say it where the patterns do not look.
    ['location-salle', longBooking, [], ['horaires']],
    [
      'copie-acte-naissance',
      '---------- Message transféré ----------\nBonjour, il me faudrait une copie intégrale de mon acte de naissance.',
      [],
      ['date-naissance', 'filiation'],
    ],
    ['occupation-domaine-public', 'benne devant chez moi samedi faut une autorisation ?', [], ['adresse', 'emprise']],
    [
      'occupation-domaine-public',
      "L'entreprise installera un échafaudage au 7 Grande Rue du 2 au 20 juin, il prendra 1,20 m du trottoir.",
      [],
      [],
    ],
    ['signalement-chaussee', "Il y a un gros trou, c'est dangereux !", [], ['lieu']],
    ['signalement-chaussee', 'trou dans la route chemin du moulin danger', [], []],
  ])('%s: « %s » asks for %j, leaves %j to the agent', (intent, text, missing, toVerify) => {
    expect(missingOf(intent, text)).toEqual(missing);
    expect(toVerifyOf(intent, text)).toEqual(toVerify);
  });

  test.each([
    // A general question about the procedure is not a request to check.
    ['inscription-scolaire', 'c ou quon inscrit les enfants a lecole svp nouveau ds la ville'],
    // A follow-up of a booking already made.
    ['location-salle', "Bonjour, je voudrais savoir si la caution de la salle que j'ai louée le 1er mars a été rendue."],
  ])('%s does not apply to « %s »', (intent, text) => {
    expect(missingOf(intent, text)).toBeNull();
  });

  test('re-evaluated on the whole conversation, a reply can complete the request', () => {
    const request = 'Bonjour, il me faudrait une copie intégrale de mon acte de naissance. Merci.';
    expect(missingOf('copie-acte-naissance', request)).toEqual(['filiation']);
    const reply =
      'Je suis née le 3 avril 1990, fille de Paul Martin et de Anne Durand.\n\n> Pour que le service puisse traiter votre demande, merci de nous indiquer :\n> - les nom et prénoms de ses parents ;';
    const result = evaluateChecklist(shipped.checklists.get('copie-acte-naissance')!, evidenceOf(request, reply));
    expect(result).toMatchObject({ status: 'complete', missing: [] });
  });

  test('our own questions quoted in a reply never answer them', () => {
    const request = 'Bonjour, je voudrais réserver la salle des fêtes le samedi 14 juin pour un anniversaire, 50 personnes.';
    expect(missingOf('location-salle', request)).toEqual(['horaires']);
    const reply = 'Merci.\n\nLe 18 mars 2025 à 10:00, Mairie a écrit :\n> merci de nous indiquer :\n> - les heures de début et de fin.';
    expect(missingOf('location-salle', request, reply)).toEqual(['horaires']);
  });

  test('the shipped set has no problem and every intent exists', () => {
    expect(checklistSetProblems(defaultChecklistSet(), { knownIntents })).toEqual([]);
  });
});

describe('checklistSetProblems', () => {
  const base = defaultChecklistSet();
  const withChecklist = (change: (checklist: Record<string, unknown>) => void) => {
    const draft = structuredClone(base) as unknown as { checklists: Record<string, unknown>[] };
    change(draft.checklists[0]);
    return checklistSetProblems(draft, { knownIntents }).map((problem) => problem.message);
  };

  test.each([
    [
      'a pattern RE2 refuses',
      (checklist: Record<string, unknown>) =>
        ((checklist.items as { presentWhen: unknown[] }[])[0].presentWhen = [{ pattern: '(?<=mon) acte' }]),
      /assertions/,
    ],
    [
      'an unknown intent',
      (checklist: Record<string, unknown>) => (checklist.intent = 'permis-de-chasse'),
      /n'existe pas dans la taxonomie/,
    ],
    [
      'an evidence that is neither entity nor pattern',
      (checklist: Record<string, unknown>) => ((checklist.items as { presentWhen: unknown[] }[])[0].presentWhen = [{ word: 'acte' }]),
      /indice non reconnu/,
    ],
    [
      'an unknown entity type',
      (checklist: Record<string, unknown>) =>
        ((checklist.items as { presentWhen: unknown[] }[])[0].presentWhen = [{ entity: 'shoe_size' }]),
      /indice non reconnu/,
    ],
    [
      'an item listed twice',
      (checklist: Record<string, unknown>) => (checklist.items as unknown[]).push((checklist.items as unknown[])[0]),
      /figure deux fois/,
    ],
  ])('refuses %s, in French', (_what, change, message) => {
    expect(withChecklist(change).join(' | ')).toMatch(message);
  });

  test('refuses an intent both asked for and answered, and a placeholder that is not a commune fact', () => {
    const draft = structuredClone(base);
    draft.answers.push({
      intent: 'copie-acte-naissance',
      mode: 'off',
      unlessAny: [],
      variants: [{ id: 'x', when: [], text: 'Voir {{tarif}}.' }],
    });
    const messages = checklistSetProblems(draft, { knownIntents })
      .map((problem) => problem.message)
      .join(' | ');
    expect(messages).toMatch(/à la fois une liste et une réponse/);
    expect(messages).toMatch(/\{\{tarif\}\} n'est pas une information de la commune/);
  });
});

describe('assessRequest', () => {
  const context = {
    taxonomy: defaultTaxonomy,
    confidenceThreshold: 0.85,
    facts: { horaires: 'du lundi au vendredi, de 8 h 30 à 12 h', adresse: '1 place de la Mairie', telephone: '01 23 45 67 89' },
  };
  const request = (intent: string, queue: string, text: string, overrides: Record<string, unknown> = {}) => ({
    intent,
    queue,
    confidence: 0.97,
    language: 'fr',
    messages: [{ text, entities: extractRequestEntities(text, { receivedAt, timeZone }, extractEntities) }],
    ...overrides,
  });

  test.each([
    ['a confident intent in its own queue', request('copie-acte-deces', 'etat-civil', 'acte de décès de mon père svp'), 'checklist'],
    ['an answerable intent', request('horaires-ouverture', 'accueil', 'Vous êtes ouverts le mercredi ?'), 'answer'],
    ['a guess', request('copie-acte-deces', 'etat-civil', 'acte de décès de mon père svp', { confidence: 0.6 }), null],
    ['an intent routed elsewhere', request('copie-acte-deces', 'accueil', 'acte de décès de mon père svp'), null],
    [
      'a message in another language',
      request('copie-acte-deces', 'etat-civil', 'death certificate of my father please', { language: 'en' }),
      null,
    ],
    // The mairie's hours do not answer a question about the swimming pool's.
    ['a question the answer does not cover', request('horaires-ouverture', 'accueil', 'Quels sont les horaires de la piscine ?'), null],
  ])('%s', (_what, input, kind) => {
    expect(assessRequest(shipped, input, context)?.kind ?? null).toBe(kind);
  });

  test('an answer is written from the commune facts, never without them', () => {
    const asked = request('horaires-ouverture', 'accueil', 'Vous êtes ouverts le mercredi ?');
    const answered = assessRequest(shipped, asked, context);
    expect(answered).toMatchObject({
      kind: 'answer',
      mode: 'pilot',
      answer: { text: expect.stringContaining('du lundi au vendredi, de 8 h 30 à 12 h') },
    });
    expect(assessRequest(shipped, asked, { ...context, facts: { horaires: 'du lundi au vendredi' } })).toBeNull();
  });

  test('another administration is named only when the message says which one', () => {
    const caf = assessRequest(
      shipped,
      request('autre-administration', 'accueil', 'Mon APL a baissé, pouvez-vous regarder mon dossier CAF ?'),
      context,
    );
    expect(caf).toMatchObject({ kind: 'answer', answer: { variant: 'caf', source: { url: 'https://www.caf.fr' } } });
    const both = request('autre-administration', 'accueil', "La CAF me dit que c'est aux impôts de corriger mon avis d'imposition.");
    expect(assessRequest(shipped, both, context)).toBeNull();
  });
});

describe('texts and metrics', () => {
  test('the request asks for exactly what is missing, in plain French', () => {
    expect(missingInformationText([{ question: 'sa date de naissance' }, { question: 'les nom et prénoms de ses parents' }])).toBe(
      'Pour que le service puisse traiter votre demande, merci de nous indiquer :\n- sa date de naissance ;\n- les nom et prénoms de ses parents.',
    );
    expect(missingInformationText([])).toBe('');
    expect(
      completenessLabel({
        status: 'missing',
        items: [
          { label: 'date de naissance', present: false },
          { label: 'nom', present: true },
          { label: 'filiation', present: false },
        ],
      }),
    ).toBe('manque : date de naissance, filiation');
    expect(
      completenessLabel({
        status: 'missing',
        items: [
          { label: 'date de naissance', present: false, toVerify: true },
          { label: 'nom', present: true, toVerify: false },
          { label: 'filiation', present: false, toVerify: false },
        ],
      }),
    ).toBe('manque : filiation ; à vérifier : date de naissance');
    expect(completenessLabel({ status: 'missing', items: [{ label: 'lieu', present: false, toVerify: true }] })).toBe('à vérifier : lieu');
    expect(completenessLabel({ status: 'complete', items: [] })).toBe('complet');
  });

  test('precision counts an item asked for but not needed as wrong', () => {
    const score = scoreMissing([
      { id: 'a', labels: { lieu: 'missing' }, predictedMissing: ['lieu'] },
      { id: 'b', labels: { date: 'present', lieu: 'missing' }, predictedMissing: ['date'] },
      { id: 'c', labels: { objet: 'not-needed' }, predictedMissing: ['objet'] },
    ]);
    expect(score).toMatchObject({ predictedMissing: 3, labelledMissing: 2, correct: 1, precision: 1 / 3, recall: 0.5 });
    expect(score.wrongRequests).toEqual([
      { id: 'b', item: 'date', label: 'present' },
      { id: 'c', item: 'objet', label: 'not-needed' },
    ]);
  });
});
