/** The tags the shipped rules and the ticket lifecycle set, as people write them. */
const tagLabels: Record<string, string> = {
  administration: 'administration',
  'ccas-prioritaire': 'CCAS prioritaire',
  'dossier-en-cours': 'dossier en cours',
  fusionnee: 'fusionnée',
  'hors-horaires': 'hors des heures d’ouverture',
  'langue-etrangere': 'langue étrangère',
  'pieces-jointes': 'pièces jointes',
  'pieces-manquantes': 'pièces manquantes',
  securite: 'sécurité',
  urgence: 'urgence',
};

/** A tag as people read it: a known one with its accents, any other with spaces for its dashes. */
export function tagLabel(tag: string): string {
  return tagLabels[tag] ?? tag.replaceAll('-', ' ');
}
