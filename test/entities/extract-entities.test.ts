import { entitySchema } from '../../classifiers/entities/entity';
import { extractEntities } from '../../classifiers/entities/extract-entities';

const context = { receivedAt: new Date('2025-03-12T10:00:00Z'), timeZone: 'Europe/Paris' };

describe('extractEntities', () => {
  const letter = [
    'Madame, Monsieur,',
    "Je souhaite obtenir une copie intégrale de l'acte de naissance de mon fils Lucas Martin, né le 03/03/2015.",
    'Vous pouvez me joindre au 06 12 34 56 78 ou par mail : marie.durand@example.fr.',
    'Cordialement,',
    'Marie Durand',
    '12 rue des Lilas',
    '33000 Bordeaux',
  ].join('\n');

  it('finds every family in a realistic request, in text order', () => {
    const found = extractEntities(letter, context).map((entity) => `${entity.type}:${entity.value}`);
    expect(found).toEqual([
      'copy_kind:copie-integrale',
      'act_type:naissance',
      'person:Lucas Martin',
      'date:2015-03-03',
      'phone:0612345678',
      'email:marie.durand@example.fr',
      'person:Marie Durand',
      'address:12 rue des Lilas, 33000 Bordeaux',
    ]);
  });

  it('returns entities that satisfy the schema and point at their own text', () => {
    for (const entity of extractEntities(letter, context)) {
      expect(entitySchema.parse(entity)).toEqual(entity);
      expect(letter.slice(entity.start, entity.end)).toBe(entity.text);
    }
  });

  it('keeps the longer entity when two overlap', () => {
    const found = extractEntities('NIR 1 85 05 78 006 084 91 et tél 06 12 34 56 78', context);
    expect(found.map((entity) => entity.type)).toEqual(['nir', 'phone']);
  });

  it('uses the requester name from the context', () => {
    const found = extractEntities('Bonjour, ici Marie Durand.', { ...context, requesterName: 'Marie Durand' });
    expect(found).toEqual([{ type: 'person', value: 'Marie Durand', text: 'Marie Durand', start: 13, end: 25 }]);
  });

  it('finds nothing in a message without facts', () => {
    expect(extractEntities('Bonjour, à quelle heure ouvre la mairie le samedi ?', context)).toEqual([]);
  });
});
