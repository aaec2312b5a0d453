import { extractCadastralRefs } from '../../classifiers/entities/extract-cadastral-refs';

const refsIn = (text: string) => extractCadastralRefs(text).map((entity) => entity.value);

describe('extractCadastralRefs', () => {
  it.each([
    ['terrain section AB n° 123', ['AB 123']],
    ['la parcelle ZC 45', ['ZC 45']],
    ['cadastrée AB 123', ['AB 123']],
    ['cadastrée section B numéro 0456', ['B 456']],
    ['section AB parcelle 123', ['AB 123']],
    ['référence cadastrale : ZK 12', ['ZK 12']],
    ['parcelles AB 12 et AB 13', ['AB 12', 'AB 13']],
    ['parcelles AB 12, AB 13 et ZC 7', ['AB 12', 'AB 13', 'ZC 7']],
    ['section AL n° 45, 46 et 47, merci', ['AL 45', 'AL 46', 'AL 47']],
    ['la parcelle n° 145 section ZA', ['ZA 145']],
    ['section AB n° 12 et 3 autres parcelles', ['AB 12']],
    ['la parcelle AC 245', ['AC 245']],
    ['terrain cadastré section ZC numéro 45, lieu-dit Le Grand Pré', ['ZC 45']],
    ['Réf. cadastrale 000 AB 123 (commune de Bassens)', ['AB 123']],
    ['ref cadastrale: 000 AB 123', ['AB 123']],
    ['parcelles cadastrées section AL n° 45, 46 et 47, envahies', ['AL 45', 'AL 46', 'AL 47']],
    ['mon terrain : section BK, parcelle n° 87.', ['BK 87']],
    ['section AB, parcelle 12, et section AB, parcelle 14.', ['AB 12', 'AB 14']],
    ['la parcelle cadastrée ZE 93 et la parcelle voisine ZE 94', ['ZE 93', 'ZE 94']],
    ['la parcelle AB0123 est constructible', ['AB 123']],
    ['la parcelle AB-123', ['AB 123']],
    ['la parcelle n° 203 de la section AV', ['AV 203']],
    ['la parcelle cadastrale n° 1045 section ZH', ['ZH 1045']],
    ['terrain section E n° 512', ['E 512']],
    ['section 0B parcelle 312', ['0B 312']],
    ['parcelles ZB 12, ZB 13 et ZB 19.', ['ZB 12', 'ZB 13', 'ZB 19']],
    ['parcelle ac 245 et ac 246, on voudrait', ['AC 245', 'AC 246']],
    ['parcelles ab 12 et ab 13', ['AB 12', 'AB 13']],
    ['The plot is ZE 93.', ['ZE 93']],
    ['(plot AB 154)', ['AB 154']],
    ['two plots, AK 112 and AK 113, according to the notary', ['AK 112', 'AK 113']],
    ['the property cadastred AH 301 and AH 302', ['AH 301', 'AH 302']],
    ['the plot next to ours (section AC, parcel 245)', ['AC 245']],
    ["the notary says it's section KM, number 87", ['KM 87']],
    ['land registry reference AB 77', ['AB 77']],
    ['la parcela AB 12 y la parcela AB 13', ['AB 12', 'AB 13']],
    ['las parcelas catastrales AE 57, AE 58 y AE 59, situadas', ['AE 57', 'AE 58', 'AE 59']],
    ['sección ZC número 45', ['ZC 45']],
    ['referencia catastral 000 BK 178', ['BK 178']],
    ['a referência cadastral AB 123 em Ambarès', ['AB 123']],
    ['na parcela cadastral BC 44 sem licença', ['BC 44']],
    ['a parcela n° 310 da secção AN', ['AN 310']],
    ['« 33249 000 ZA 0145 »', ['ZA 145']],
    ['le numéro 33063000AB0123', ['AB 123']],
  ])('reads %p', (text, expected) => {
    expect(refsIn(text)).toEqual(expected);
  });

  it('points at the reference, not at its introducing word', () => {
    const [ref] = extractCadastralRefs('la parcelle ZC 45 est constructible');
    expect(ref).toMatchObject({ text: 'ZC 45', start: 12, end: 17 });
  });

  it.each([
    ['letters and a number without a cadastral word', 'le bus AB 123'],
    ['a lower-case word after parcelle', 'une parcelle de 500 m2'],
    ['a school section', 'en grande section MS 2'],
    ['a parcel area', 'parcelle 1200 m2'],
    ['a section of a regulation', 'la section 3 du règlement du cimetière'],
    ['a numbered section of a plan', 'I read section 3 of the local plan and section 4.2 of the regulations'],
    ['a cemetery section and alley', 'inhumée dans la section B, allée 4, emplacement 12'],
    ['a plot twist', 'Plot twist: the parcel we thought we were buying'],
    ['a lower-case word before an area', 'une parcelle de 500 m² et une parcela de 300 m2'],
    ['a lower-case section followed by an area', 'parcelle ab 1200 m²'],
    ['a plot of land with its area', 'a plot of 800 square metres'],
    ['an article and a number', 'la parcelle a 12 ans de friche, plot in 2024'],
    ['single lower-case letters', 'parcelles e 12 et t 47'],
    ['a reference number without cadastral word', 'dossier AB 123 du service'],
  ])('ignores %s', (_, text) => {
    expect(refsIn(text)).toEqual([]);
  });
});
