/**
 * Capitalised words that start sentences, salutations or form labels rather than names or street names: a name run
 * ("Lucas Martin") stops before them, so that "mon fils Lucas Martin Je voudrais…" yields "Lucas Martin".
 */
const sentenceWords = new Set([
  'je', 'j', 'il', 'elle', 'on', 'nous', 'vous', 'ils', 'elles', 'mon', 'ma', 'mes', 'son', 'sa', 'ses', 'notre',
  'votre', 'leur', 'un', 'une', 'et', 'ou', 'mais', 'donc', 'car', 'ni', 'pour', 'par', 'avec', 'sans', 'dans',
  'chez', 'depuis', 'afin', 'ce', 'cet', 'cette', 'ces', 'qui', 'que', 'quand', 'comment', 'pourquoi', 'est',
  'sont', 'merci', 'bonjour', 'bonsoir', 'cordialement', 'salutations', 'madame', 'monsieur', 'mademoiselle', 'mme',
  'mr', 'mlle', 'tel', 'telephone', 'portable', 'mobile', 'mail', 'email', 'courriel', 'adresse', 'objet', 'nom',
  'prenom', 'prenoms', 'svp', 'pj', 'ps', 'bien', 'tres', 'veuillez', 'sinon', 'puis', 'aussi', 'alors', 'si', 'oui',
  'non', 'cdt', 'cdlt', 'bises', 'amicalement', 'respectueusement', 'bon', 'bonne', 'journee', 'soiree', 'annee',
  'joyeux', 'joyeuses', 'fetes', 'urgent', 'important', 're', 'tr', 'fwd', 'envoye', 'famille',
  // Greetings, closings and pronouns of citizens writing in English, Spanish, Portuguese or Italian.
  'dear', 'hello', 'hi', 'hey', 'good', 'morning', 'afternoon', 'regards', 'thanks', 'thank', 'cheers', 'best',
  'kind', 'warm', 'sincerely', 'yours', 'many', 'please', 'sir', 'madam', 'mayor', 'fyi', 'the', 'i', 'my', 'we',
  'our', 'you', 'your', 'he', 'she', 'they', 'it', 'hola', 'buenos', 'buenas', 'estimado', 'estimados', 'estimada',
  'senores', 'senor', 'gracias', 'saludos', 'saludo', 'atentamente', 'cordialmente', 'muchas', 'yo', 'bom', 'boa',
  'ola', 'obrigado', 'obrigada', 'cumprimentos', 'atenciosamente', 'beijinhos', 'exmos', 'senhores', 'muito', 'eu',
  'buongiorno', 'grazie', 'cordiali', 'saluti', 'distinti', 'hallo', 'danke', 'viele', 'liebe', 'gruße', 'grusse',
]);

/** Words that are capitalised in names' surroundings but are never part of a person's name. */
const notPersonNames = new Set([
  ...sentenceWords,
  'le', 'la', 'les', 'l', 'des', 'du', 'de', 'd', 'au', 'aux', 'en', 'sur', 'sous', 'a', 'maire', 'mairie',
  'adjoint', 'adjointe', 'service', 'services', 'directeur', 'directrice', 'president', 'presidente', 'ne', 'nee',
  'nes', 'nees', 'decede', 'decedee', 'domicilie', 'domiciliee', 'demeurant', 'habitant', 'age', 'agee', 'ans',
  'maitre', 'docteur', 'notaire', 'avocat', 'avocate', 'inscrit', 'inscrite', 'actuellement', 'scolarise', 'scolarisee', 'lundi', 'mardi', 'mercredi', 'jeudi',
  'vendredi', 'samedi', 'dimanche', 'janvier', 'fevrier', 'mars', 'avril', 'mai', 'juin', 'juillet', 'aout',
  'septembre', 'octobre', 'novembre', 'decembre', 'rue', 'avenue', 'boulevard', 'place', 'chemin', 'route',
  'impasse', 'allee', 'ecole', 'classe', 'cp', 'ce', 'cm', 'gs', 'ms', 'france', 'acte', 'extrait', 'copie',
  'siret', 'siren',
]);

/** A word that belongs to the sentence around a name, whatever its case (`word` in matching text). */
export function isSentenceWord(word: string): boolean {
  return sentenceWords.has(normalised(word));
}

/** A capitalised word of a street or school name: `word` is in matching text (accents already removed). */
export function isProperNounWord(word: string): boolean {
  return /^\p{Lu}/u.test(word) && !sentenceWords.has(normalised(word));
}

/** A capitalised word that can be part of a person's name. */
export function isNameLikeWord(word: string): boolean {
  return /^\p{Lu}/u.test(word) && !notPersonNames.has(normalised(word));
}

function normalised(word: string): string {
  return word.toLowerCase().replace(/'$/, '');
}
