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
    ['a copy of my birth certificate', ['act_type:naissance']],
    ['need birth cert for my kid', ['act_type:naissance']],
    ['a copy of my birth record', ['act_type:naissance']],
    ['the marriage certificate, or a multilingual one', ['act_type:mariage', 'copy_kind:plurilingue']],
    ['three copies of the death certificate', ['act_type:deces']],
    ['a certificate of death', ['act_type:deces']],
    ['un acta de nacimiento de mi hijo', ['act_type:naissance']],
    ['una partida de nacimiento traducida', ['act_type:naissance']],
    ['una copia literal del acta de matrimonio', ['act_type:mariage', 'copy_kind:copie-integrale']],
    ['el acta de defunción', ['act_type:deces']],
    ['un certificado de nacimiento plurilingüe', ['act_type:naissance', 'copy_kind:plurilingue']],
    ['a certidão de nascimento de inteiro teor', ['act_type:naissance', 'copy_kind:copie-integrale']],
    ['várias certidões de óbito', ['act_type:deces']],
    ['a certidão de casamento francesa', ['act_type:mariage']],
    ['un certificato di nascita', ['act_type:naissance']],
    ['un certificato di morte', ['act_type:deces']],
    ['eine Geburtsurkunde internationale', ['act_type:naissance']],
    ['seine Heiratsurkunde', ['act_type:mariage']],
    ['un duplicata du livret de famille', ['act_type:livret-famille']],
    ['her family record book', ['act_type:livret-famille']],
    ['el libro de familia', ['act_type:livret-famille']],
    ['full copies of the birth certificate', ['act_type:naissance', 'copy_kind:copie-integrale']],
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
    ['a birth without document', 'my daughter was born at the maternity, we declared her birth'],
    ['a birthday', 'a birthday party at the salle des fêtes'],
    ['a marriage without document', 'we want to celebrate our marriage, el matrimonio, o casamento'],
    ['a death without document', 'after the death of my father, tras la defunción, o óbito'],
    ['a family without book', 'la famille Martin, a family of four, el libro de cuentas'],
    ['a full car park', 'the car park is full, copy that'],
  ])('ignores %s', (_, text) => {
    expect(civilStatusIn(text)).toEqual([]);
  });
});
