import { townHallName } from '../../routing-rules/communes/town-hall-name';

describe('how the citizens’ pages name a commune’s town hall', () => {
  it.each([
    ['Obernai', 'Mairie d’Obernai'],
    ['Saint-Denis', 'Mairie de Saint-Denis'],
    ['Villefranche-sur-Saône', 'Mairie de Villefranche-sur-Saône'],
    ['Évian-les-Bains', 'Mairie d’Évian-les-Bains'],
    ['Le Havre', 'Mairie du Havre'],
    ['Les Mureaux', 'Mairie des Mureaux'],
    ['La Rochelle', 'Mairie de La Rochelle'],
    ['Haguenau', 'Mairie de Haguenau'],
    ['Mairie', 'Mairie'],
    ['Mairie annexe de Hautepierre', 'Mairie annexe de Hautepierre'],
    ['  Obernai ', 'Mairie d’Obernai'],
  ])('%s → %s', (commune, expected) => {
    expect(townHallName(commune)).toBe(expected);
  });
});
