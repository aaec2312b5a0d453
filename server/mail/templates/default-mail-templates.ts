/**
 * The citizen-facing mails as shipped, in French. Supervisors may replace any of them (stored in the database);
 * these stay the fallback. `{{name}}` placeholders are filled when the mail is written; a template may only use
 * the variables its definition lists, so that a typo is refused when saved rather than sent to a citizen.
 */
export const mailTemplateVariables = {
  nom: 'Nom du demandeur, ou « Madame, Monsieur »',
  reference: 'Référence du dossier, par exemple AIG-2026-000123',
  objet: 'Objet du message du demandeur',
  file: 'Service (file) qui traite la demande',
  delai: 'Délai de réponse prévu, par exemple « d’ici le mardi 3 mars 2026 »',
  horaires: "Heures d'ouverture de la mairie",
  piecesRefusees: 'Liste des pièces jointes refusées et pourquoi (vide sinon)',
  lienSatisfaction: 'Bloc de liens de notation de 1 à 5 (vide si déjà noté)',
  dossiers: 'Message à plusieurs demandes : une ligne par dossier, avec sa référence, son service et son délai',
  message: "Texte de la réponse de l'agent",
  signature:
    'Signature du service qui répond (réglée par les superviseurs pour chaque file), sinon celle de la commune, sinon « Les services de la mairie »',
  reponse: 'Réponse immédiate à une question simple, avec sa source (motifs que les superviseurs ont rendus répondables ; vide sinon)',
  complements: 'Demande des informations qui manquent pour traiter la demande (vide sinon)',
} as const;
export type MailTemplateVariable = keyof typeof mailTemplateVariables;

export interface MailTemplateDefinition {
  id: string;
  label: string;
  variables: readonly MailTemplateVariable[];
  subject: string;
  body: string;
}

/** Under every mail, and under a reply from a service that has no signature of its own. */
export const defaultSignature = 'Les services de la mairie';
// The commune's signature (or its service's), see composeTicketMail.
const signature = '{{signature}}';
const replyHint =
  'Pour compléter votre demande, répondez simplement à ce message en gardant la référence {{reference}} dans l’objet : votre réponse sera jointe à votre dossier.';
const acknowledgementEnd = `La mairie est ouverte au public {{horaires}}.

Ce message est un accusé de réception automatique.

${signature}`;

export const defaultMailTemplates: readonly MailTemplateDefinition[] = [
  {
    id: 'accuse-reception',
    label: 'Accusé de réception',
    variables: ['nom', 'reference', 'objet', 'file', 'delai', 'horaires', 'piecesRefusees', 'reponse', 'complements', 'signature'],
    subject: '[{{reference}}] Accusé de réception : {{objet}}',
    body: `Bonjour {{nom}},

Nous avons bien reçu votre message « {{objet}} ». Il est enregistré sous la référence {{reference}} et a été transmis au service {{file}}, qui vous répondra {{delai}}.

{{reponse}}

{{complements}}

{{piecesRefusees}}

${replyHint}

${acknowledgementEnd}`,
  },
  {
    id: 'hors-horaires',
    label: "Accusé de réception en dehors des heures d'ouverture",
    variables: ['nom', 'reference', 'objet', 'file', 'delai', 'horaires', 'piecesRefusees', 'reponse', 'complements', 'signature'],
    subject: '[{{reference}}] Accusé de réception : {{objet}}',
    body: `Bonjour {{nom}},

Votre message « {{objet}} » nous est parvenu en dehors des heures d'ouverture de la mairie. Il est enregistré sous la référence {{reference}} et sera traité par le service {{file}} dès la reprise, avec une réponse {{delai}}.

{{reponse}}

{{complements}}

{{piecesRefusees}}

${replyHint}

${acknowledgementEnd}`,
  },
  {
    id: 'accuse-reception-demandes-multiples',
    label: 'Accusé de réception d’un message à plusieurs demandes',
    variables: ['nom', 'reference', 'objet', 'horaires', 'piecesRefusees', 'dossiers', 'signature'],
    subject: '[{{reference}}] Accusé de réception : {{objet}}',
    body: `Bonjour {{nom}},

Nous avons bien reçu votre message « {{objet}} ». Il contient plusieurs demandes : chacune a été confiée au service concerné, sous sa propre référence.

{{dossiers}}

Chaque service vous répondra séparément en rappelant sa référence.

{{piecesRefusees}}

Pour compléter l’une de ces demandes, répondez au message du service concerné en gardant sa référence dans l’objet ; une réponse à ce message-ci sera jointe au dossier {{reference}}.

${acknowledgementEnd}`,
  },
  {
    id: 'cloture',
    label: 'Clôture de la demande et enquête de satisfaction',
    variables: ['nom', 'reference', 'objet', 'file', 'horaires', 'lienSatisfaction', 'signature'],
    subject: '[{{reference}}] Votre demande est traitée : {{objet}}',
    body: `Bonjour {{nom}},

Votre demande {{reference}} (« {{objet}} ») a été traitée par le service {{file}} et est maintenant close.

{{lienSatisfaction}}

Si votre demande n'est pas entièrement réglée, répondez simplement à ce message : elle sera rouverte.

${signature}`,
  },
  {
    id: 'suivi-transmise',
    label: 'Suivi : demande transmise à un service',
    variables: ['nom', 'reference', 'objet', 'file', 'delai', 'signature'],
    subject: '[{{reference}}] Votre demande est transmise au service {{file}}',
    body: `Bonjour {{nom}},

Votre demande {{reference}} (« {{objet}} ») a été transmise au service {{file}}, qui vous répondra {{delai}}.

Vous n’avez rien à faire : vous serez prévenu·e de la suite.

${signature}`,
  },
  {
    id: 'suivi-complement',
    label: 'Suivi : la mairie a besoin d’un complément',
    variables: ['nom', 'reference', 'objet', 'file', 'signature'],
    subject: '[{{reference}}] Un complément est nécessaire pour votre demande',
    body: `Bonjour {{nom}},

Pour traiter votre demande {{reference}} (« {{objet}} »), le service {{file}} a besoin d’informations ou de documents de votre part. Son message vous dit ce qui manque ; vous le retrouvez aussi sur la page de suivi de votre demande.

Répondez à ce message en gardant la référence {{reference}} dans l’objet, ou ajoutez votre réponse et vos documents depuis la page de suivi.

${signature}`,
  },
  {
    id: 'suivi-close',
    label: 'Suivi : demande close',
    variables: ['nom', 'reference', 'objet', 'file', 'lienSatisfaction', 'signature'],
    subject: '[{{reference}}] Votre demande est close',
    body: `Bonjour {{nom}},

Votre demande {{reference}} (« {{objet}} ») est maintenant close.

{{lienSatisfaction}}

Si elle n’est pas entièrement réglée, répondez simplement à ce message : elle sera rouverte.

${signature}`,
  },
  {
    id: 'reponse-agent',
    label: "Réponse d'un agent",
    variables: ['nom', 'reference', 'objet', 'file', 'horaires', 'message', 'signature'],
    subject: '[{{reference}}] Re : {{objet}}',
    // The agent's own words open the mail, greeting included: nothing is added before them that the agent did not write.
    body: `{{message}}

${replyHint}

{{signature}}`,
  },
];

export function defaultMailTemplate(id: string): MailTemplateDefinition | undefined {
  return defaultMailTemplates.find((template) => template.id === id);
}
