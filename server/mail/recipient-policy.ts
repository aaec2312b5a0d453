const unattendedLocalParts =
  /^(no[-_.]?reply|do[-_.]?not[-_.]?reply|ne[-_.]?pas[-_.]?r[ée]pondre|nepasrepondre|noreponse|no[-_.]?response|mailer[-_.]?daemon|postmaster|bounces?|listserv|majordomo|notifications?|ne-pas-repondre)([-+._].*)?$/i;

/**
 * Why an automatic mail (acknowledgement, closing message) must not go to this address, or null when it may:
 * nobody reads a no-reply box, and writing to our own mailbox would feed our own intake — a loop.
 */
export function automaticMailRefusal(address: string | null | undefined, ownAddresses: readonly string[]): string | null {
  const normalised = address?.trim().toLowerCase();
  if (!normalised || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(normalised)) return 'Adresse du demandeur absente ou invalide.';
  const localPart = normalised.slice(0, normalised.lastIndexOf('@')).split('+')[0];
  if (unattendedLocalParts.test(localPart)) return 'Adresse « ne pas répondre » : personne ne lirait le message.';
  if (ownAddresses.some((own) => own.toLowerCase() === normalised)) return 'Adresse de la boîte partagée elle-même : risque de boucle.';
  return null;
}
