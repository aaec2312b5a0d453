import { maxDraftLength, readGroundedDraft } from '../../classifiers/sources/grounded-draft';

const source = {
  title: "Acte de naissance : demande de copie intégrale ou d'extrait",
  url: 'https://www.service-public.fr/particuliers/vosdroits/F1427',
};
const cited = `Bonjour,\nLa demande se fait auprès de la mairie du lieu de naissance (fiche « ${source.title} » : ${source.url}).`;

describe('readGroundedDraft', () => {
  it.each([
    ['a reply citing the title and the link', cited, { ok: true, text: cited }],
    ['the same, with spaces around it', `\n  ${cited}  \n`, { ok: true, text: cited }],
    [
      'the title with the typographic apostrophe and other capitals',
      cited.replace("d'extrait", 'd’Extrait'),
      { ok: true, text: cited.replace("d'extrait", 'd’Extrait') },
    ],
    ['nothing', '   ', { ok: false, problem: 'empty' }],
    ['the link without the title', `Bonjour, voyez ${source.url}.`, { ok: false, problem: 'uncited' }],
    ['the title without the link', `Bonjour, voyez la fiche « ${source.title} ».`, { ok: false, problem: 'uncited' }],
    ['another fiche’s link', cited.replace('F1427', 'F1432'), { ok: false, problem: 'uncited' }],
    ['a placeholder echoed back', `${cited}\nBien à vous, [PERSONNE_1]`, { ok: false, problem: 'placeholders' }],
    ['a placeholder with spaces inside', `${cited} Écrivez à [ EMAIL_2 ].`, { ok: false, problem: 'placeholders' }],
    ['far more than a few sentences', `${cited} ${'blabla '.repeat(maxDraftLength / 7)}`, { ok: false, problem: 'too-long' }],
  ])('%s', (_, content, expected) => {
    expect(readGroundedDraft(content, source)).toEqual(expected);
  });
});
