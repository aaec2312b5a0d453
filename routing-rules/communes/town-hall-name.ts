/**
 * How the citizens' pages name a commune's town hall: « Mairie d’Obernai », « Mairie de Saint-Denis »,
 * « Mairie du Havre », « Mairie des Mureaux ». A name that already says it (the single-commune default « Mairie »,
 * « Mairie annexe de … ») is kept as it is. A name starting with an h keeps « de »: French cannot tell a mute h
 * from an aspirated one by spelling, and « de » is never wrong in an address line.
 */
export function townHallName(communeName: string): string {
  const name = communeName.trim();
  if (/^mairie\b/i.test(name)) return name;
  const article = /^(le|les) (.+)$/i.exec(name);
  if (article) return `Mairie ${article[1].toLowerCase() === 'le' ? 'du' : 'des'} ${article[2]}`;
  return /^[aeiouyàâäéèêëîïôöûüÿæœ]/i.test(name) ? `Mairie d’${name}` : `Mairie de ${name}`;
}
