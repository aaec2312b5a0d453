import { extractPersons } from '../../classifiers/entities/extract-persons';

const personsIn = (text: string, requesterName?: string) => extractPersons(text, requesterName).map((entity) => entity.value);

describe('extractPersons', () => {
  it.each([
    ['Bonjour,\nmerci de votre aide.\nCordialement,\nMarie Durand', ['Marie Durand']],
    ['Cordialement, Marie DURAND', ['Marie DURAND']],
    ['Veuillez agréer mes salutations distinguées.\n\nJean-Pierre Lefèvre\n06 12 34 56 78', ['Jean-Pierre Lefèvre']],
    ["l'acte de naissance de mon fils Lucas Martin, né en 2015", ['Lucas Martin']],
    ['feu mon père Jean Dupont est décédé', ['Jean Dupont']],
    ['rendez-vous avec M. Jean Dupont', ['Jean Dupont']],
    ['Madame Sophie Bernard habite ici', ['Sophie Bernard']],
    ['Mme Bernard a appelé', ['Bernard']],
    ['Monsieur et Madame Martin', ['Martin']],
    ['ma fille Léa entre en CP', ['Léa']],
    ['mes enfants Lucas et Emma Martin', ['Lucas', 'Emma Martin']],
    ['Je soussignée Claire Moreau, demeurant à Pessac', ['Claire Moreau']],
    ['Nom : DURAND Prénom : Marie', ['DURAND', 'Marie']],
    ['M. J. Dupont', ['J. Dupont']],
    ['Bien cordialement\nJ.-M. Faure', ['J.-M. Faure']],
    ['mon voisin M. Bertrand fait du bruit', ['Bertrand']],
    ['Merci de regarder. Lucie Perrin', ['Lucie Perrin']],
    ['Merci. Alain Boyer 06 11 22 33 44', ['Alain Boyer']],
    ["Merci d'intervenir.\nRobert Lemoine\n3 rue du Moulin\n33700 Mérignac", ['Robert Lemoine']],
    ['Merci. Camille Duval et Hugo Blanc', ['Camille Duval', 'Hugo Blanc']],
    ["Il s'appelle Ahmed Benali, né en 1960", ['Ahmed Benali']],
    ['ma carte au nom de Sébastien Huet', ['Sébastien Huet']],
    ['mes jumeaux Louis et Arthur entrent en CP', ['Louis', 'Arthur']],
    ['Cordialement,\nLe président, Francis Delmas', ['Francis Delmas']],
    ['Maître Isabelle Caron, avocate', ['Isabelle Caron']],
    ['Merci. Notaire Maître Claude Besson', ['Claude Besson']],
    ['Titulaire : Mme Valérie Noël', ['Valérie Noël']],
    ['My father, Albert Kerr, passed away', ['Albert Kerr']],
    ['the death certificate of my aunt, Mrs Jeanne Roussel, who died', ['Jeanne Roussel']],
    ["registration for my daughter Olivia's class", ['Olivia']],
    ['Regards, Peter Lindqvist, tel 0033 6 12 90 44 21', ['Peter Lindqvist']],
    ['Thanks, Tom & Claire Benson', ['Tom', 'Claire Benson']],
    ['Kind regards,\nDavid Parker', ['David Parker']],
    ['Name: Rachel Stone. Thanks', ['Rachel Stone']],
    ['Contact: Karen Hill, karen.hill@example.fr', ['Karen Hill']],
    ['Hola, me llamo Javier Ruiz. Vivo en Burdeos', ['Javier Ruiz']],
    ['mis padres, Antonio Serrano y Carmen Díaz, se casaron', ['Antonio Serrano', 'Carmen Díaz']],
    ['Mi abuelo se llamaba Ramón Iglesias.', ['Ramón Iglesias']],
    ['a nombre de Diego Castillo Moreno, nacido', ['Diego Castillo Moreno']],
    ['Un saludo,\nLucía López Fernández', ['Lucía López Fernández']],
    ['A minha mãe, Rosa Martins, faleceu', ['Rosa Martins']],
    ['O nome dele é Manuel Rodrigues. Cumprimentos, Paulo Rodrigues', ['Manuel Rodrigues', 'Paulo Rodrigues']],
    ['Obrigado, Fernando Costa', ['Fernando Costa']],
    ['Beijinhos, Inês e Pierre Lefèvre', ['Inês', 'Pierre Lefèvre']],
    ['Grazie mille, Francesca Bianchi', ['Francesca Bianchi']],
    ['A minha avó, Maria do Carmo Pires, faleceu', ['Maria do Carmo Pires']],
    ['mi abuelo Juan del Río', ['Juan del Río']],
    ['Thanks, Jennifer Cole, (+1) 512-555-0147', ['Jennifer Cole']],
    ['Obrigado. Paulo Ferreira, telemóvel +351 936 112 233', ['Paulo Ferreira']],
    ['Un cordial saludo, Emilio Vázquez', ['Emilio Vázquez']],
    ['Viele Grüße\nStefan Braun', ['Stefan Braun']],
    ['Mme Martin de Pessac a appelé', ['Martin']],
  ])('finds the people in %p', (text, expected) => {
    expect(personsIn(text)).toEqual(expected);
  });

  it('finds the requester wherever the name appears, in either order and any case', () => {
    expect(personsIn('Je suis marie durand, DURAND Marie sur ma carte.', 'Marie Durand')).toEqual(['marie durand', 'DURAND Marie']);
  });

  it.each([
    ['a greeting', 'Madame, Monsieur,\nje vous écris'],
    ['the mayor', 'Monsieur le Maire, je vous remercie'],
    ['a capitalised sentence after a relation', 'mon fils Je voudrais'],
    ['a lower-case name', 'mon fils lucas martin'],
    ['a one-word signature', 'Cordialement,\nMarie'],
    ['a service signature', 'Cordialement,\nService Urbanisme'],
    ['a closing word inside a sentence', 'Merci Jean Dupont pour votre réponse rapide'],
    ['a relation without a name', 'ma mère est malade'],
    ['a family signature', 'Merci, Famille Bonnet'],
    ['a wish as last line', 'Merci pour tout.\nBonne Journée'],
    ['a hyphenated civility-like initial', 'rue Jean-M. Dupont'],
    ['an English greeting', 'Dear Mayor,\nI would like to know.\nBest wishes'],
    ['English closings alone', 'Thanks\nKind Regards'],
    ['Spanish and Portuguese closings alone', 'Muchas Gracias\nCom os melhores Cumprimentos'],
    ['a nationality after an introduction', 'My husband is German'],
    ['a SIRET after a signature', 'Merci, SIRET 852 147 963 00018'],
    ['a relation followed by a lower-case word', 'mi hija empieza el colegio, my son in PS'],
    ['a possessive relation', "my son's birth certificate"],
    ['a particle followed by a lower-case word', 'mi abuelo del pueblo'],
    ['a German closing alone', 'Hallo,\ndanke.\nViele Grüße'],
  ])('finds no one in %s', (_, text) => {
    expect(personsIn(text)).toEqual([]);
  });
});
