/**
 * What an agent types in the search box, split into what each index can answer: ticket references (not personal
 * data, matched as stored), e-mail addresses and phone numbers (matched through their keyed lookup hashes), and
 * the remaining words (matched through the keyed word index of name, subject and message). Several references,
 * addresses or numbers: any of them; different kinds together: all of them.
 */
export interface TicketSearch {
  references: string[];
  emails: string[];
  phones: string[];
  /** Everything else, as typed: the word index normalises it the way it normalised the requests. */
  words: string;
}

const referencePattern = /\bAIG-\d{4}-\d{6}\b/gi;
const emailPattern = /[^\s@<>()"',;]+@[^\s@<>()"',;]+\.[^\s@<>()"',;]+/g;
/** French numbers written any usual way (06 12 34 56 78, 06.12.34.56.78, +33 6 12 34 56 78), or international ones. */
const phonePattern = /(?:(?:\+|00)33[\s.-]?[1-9]|\b0[1-9])(?:[\s.-]?\d{2}){4}\b|\+\d(?:[\s.-]?\d){7,14}\b/g;

export function parseTicketSearch(text: string): TicketSearch {
  const references = [...text.matchAll(referencePattern)].map((match) => match[0].toUpperCase());
  let rest = text.replace(referencePattern, ' ');
  const emails = [...rest.matchAll(emailPattern)].map((match) => match[0]);
  rest = rest.replace(emailPattern, ' ');
  const phones = [...rest.matchAll(phonePattern)].map((match) => match[0]);
  rest = rest.replace(phonePattern, ' ');
  return { references, emails, phones, words: rest.replace(/\s+/g, ' ').trim() };
}
