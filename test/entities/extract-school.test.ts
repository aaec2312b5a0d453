import { extractSchool } from '../../classifiers/entities/extract-school';

const schoolIn = (text: string) => extractSchool(text).map((entity) => `${entity.type}:${entity.value}`);

describe('extractSchool', () => {
  it.each([
    ['inscription de mon fils en CP', ['school_level:CP']],
    ['ma fille passe en ce1', ['school_level:CE1']],
    ['il est en CE 2 cette année', ['school_level:CE2']],
    ['inscription à l’école en GS', ['school_level:GS']],
    ['ma fille est en petite section', ['school_level:PS']],
    ['cours préparatoire', ['school_level:CP']],
    ['cours moyen 2e année', ['school_level:CM2']],
    ['classe de CM1', ['school_level:CM1']],
    ["mon fils en cp à l'école", ['school_level:CP']],
    ["l'école Jules Ferry", ['school_name:école Jules Ferry']],
    ['École maternelle Les Tilleuls', ['school_name:école maternelle Les Tilleuls']],
    ['groupe scolaire Victor Hugo', ['school_name:groupe scolaire Victor Hugo']],
    ['ecole du Centre', ['school_name:école du Centre']],
    ["le mur de l'école élémentaire Pasteur", ['school_name:école élémentaire Pasteur']],
    ['(CE2, escuela Jules Ferry)', ['school_level:CE2', 'school_name:école Jules Ferry']],
    ['na cantina da escola Paul Bert', ['school_name:école Paul Bert']],
    ['my daughter (she starts CP in September)', ['school_level:CP']],
    ['a minha filha vai entrar para o CP', ['school_level:CP']],
    ['a la escuela? Pablo va a CM2', ['school_level:CM2']],
  ])('reads %p', (text, expected) => {
    expect(schoolIn(text)).toEqual(expected);
  });

  it.each([
    ['a post-scriptum', 'PS : je joins le justificatif pour l’école'],
    ['a postcode label', 'CP : 33000 pour l’inscription scolaire'],
    ['capitals far from any school word', 'le CP de la voiture'],
    ['lower-case letters without an introducer', 'ms word'],
    ['a lower-case abbreviation without a school word', 'il est en cp'],
    ['the level below petite section', 'en toute petite section'],
    ['a school without a name', "l'école de mon fils"],
    ['a school followed by a sentence', "l'école Je voudrais"],
    ['an English post-scriptum near a school word', 'my son starts school. PS: we are moving'],
    ['a school without a name, in Spanish', 'inscribirla en la escuela del barrio'],
  ])('ignores %s', (_, text) => {
    expect(schoolIn(text)).toEqual([]);
  });
});
