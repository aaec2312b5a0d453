import { extractCivilStatus } from '../../classifiers/entities/extract-civil-status';

const civilStatusIn = (text: string) => extractCivilStatus(text).map((entity) => `${entity.type}:${entity.value}`);

describe('extractCivilStatus', () => {
  it.each([
    ['un acte de naissance', ['act_type:naissance']],
    ["un extrait d'acte de décès", ['act_type:deces']],
    ['extrait de deces', ['act_type:deces']],
    ["copie intégrale de l'acte de mariage", ['act_type:mariage', 'copy_kind:copie-integrale']],
    ['copie integrale de naissance', ['act_type:naissance', 'copy_kind:copie-integrale']],
    ['extrait de naissance avec filiation', ['act_type:naissance', 'copy_kind:extrait-avec-filiation']],
    ['un extrait sans filiation', ['copy_kind:extrait-sans-filiation']],
    ['acte de naissance plurilingue', ['act_type:naissance', 'copy_kind:plurilingue']],
    ['certificat de naissance', ['act_type:naissance']],
    ['besoin acte naissance svp', ['act_type:naissance']],
  ])('reads %p', (text, expected) => {
    expect(civilStatusIn(text).sort()).toEqual(expected);
  });

  it('points the act type at the kind word only', () => {
    const [act] = extractCivilStatus('acte de naissance');
    expect(act).toMatchObject({ text: 'naissance', start: 8, end: 17 });
  });

  it.each([
    ['a date of birth', 'date de naissance : 03/03/2015'],
    ['a birth event', 'suite à la naissance de ma fille'],
    ['an acknowledgement of paternity', 'acte de reconnaissance'],
    ['a wedding project', 'nous voulons nous marier, dossier de mariage'],
    ["a doctor's death certificate", 'certificat de décès'],
  ])('ignores %s', (_, text) => {
    expect(civilStatusIn(text)).toEqual([]);
  });
});
