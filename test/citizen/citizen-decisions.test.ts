import { citizenMessages, citizenSteps, type HistoryFacts } from '../../server/citizen/citizen-history';
import { milestoneOf } from '../../server/citizen/follow-up-notifications';
import { requestIdOfStatusToken, statusToken } from '../../server/citizen/status-link';
import { statusLinkOpen } from '../../server/citizen/status-link-validity';
import type { RetentionPolicy } from '../../server/privacy/retention-policy';

const policy: RetentionPolicy = {
  default: { days: 365, action: 'anonymise', legalBasis: 'Durée de traitement et de recours' },
  unrouted: { days: 30, action: 'delete', legalBasis: 'Messages jamais traités' },
  rules: [{ queue: 'etat-civil', days: 90, action: 'delete', legalBasis: 'Demandes d’actes : trois mois' }],
};
const day = 86_400_000;
const now = new Date('2026-06-01T10:00:00Z');
const ago = (days: number) => new Date(now.getTime() - days * day);

describe('when a status link stops opening: with the request’s retention', () => {
  it.each([
    [
      'an open ticket, however old',
      { status: 'processed' },
      [{ queue: 'etat-civil', intent: 'acte-naissance', status: 'pending', updatedAt: ago(500) }],
      true,
    ],
    [
      'a handled ticket within its queue’s term',
      { status: 'processed' },
      [{ queue: 'etat-civil', intent: 'acte-naissance', status: 'resolved', updatedAt: ago(89) }],
      true,
    ],
    [
      'a handled ticket past its queue’s term',
      { status: 'processed' },
      [{ queue: 'etat-civil', intent: 'acte-naissance', status: 'closed', updatedAt: ago(91) }],
      false,
    ],
    [
      'a handled ticket under the default term',
      { status: 'processed' },
      [{ queue: 'voirie', intent: 'eclairage', status: 'closed', updatedAt: ago(200) }],
      true,
    ],
    [
      'a split request while one part is open',
      { status: 'processed' },
      [
        { queue: 'etat-civil', intent: 'acte-naissance', status: 'closed', updatedAt: ago(100) },
        { queue: 'voirie', intent: 'eclairage', status: 'open', updatedAt: ago(100) },
      ],
      true,
    ],
    ['a request still waiting to be routed', { status: 'received' }, [], true],
    ['a request that failed, within the unrouted term', { status: 'failed' }, [], true],
    ['a request that failed, past the unrouted term', { status: 'failed', receivedAt: ago(31) }, [], false],
    [
      'an anonymised request',
      { status: 'processed', anonymisedAt: ago(1) },
      [{ queue: 'etat-civil', intent: 'acte-naissance', status: 'open', updatedAt: ago(1) }],
      false,
    ],
  ])('%s', (_case, request, tickets, open) => {
    expect(statusLinkOpen(policy, { receivedAt: ago(2), ...request }, tickets, now)).toBe(open);
  });
});

describe('status tokens', () => {
  it('open their own request only, under their own secret', () => {
    const secret = 'x'.repeat(40);
    const token = statusToken('665f1c2e9b1d4a0012345678', secret);
    expect(requestIdOfStatusToken(token, secret)).toBe('665f1c2e9b1d4a0012345678');
    expect(requestIdOfStatusToken(token, 'y'.repeat(40))).toBeNull();
    expect(
      requestIdOfStatusToken(`${statusToken('665f1c2e9b1d4a0012345679', secret).split('.')[0]}.${token.split('.')[1]}`, secret),
    ).toBeNull();
    expect(requestIdOfStatusToken(token.slice(0, -1), secret)).toBeNull();
  });
});

describe('the history a citizen reads', () => {
  const at = (minute: number) => new Date(Date.UTC(2026, 4, 4, 9, minute));
  const facts: HistoryFacts = {
    receivedAt: at(0),
    receptionQueue: 'accueil',
    queueLabels: new Map([
      ['accueil', 'Accueil'],
      ['voirie', 'Voirie et espaces publics'],
    ]),
    tickets: [
      {
        reference: 'AIG-2026-000042',
        events: [
          { type: 'created', at: at(1), to: 'accueil' },
          { type: 'rerouted', at: at(5), to: 'voirie', reason: 'Note interne : déjà appelé trois fois' },
          { type: 'assigned', at: at(6), to: '665f1c2e9b1d4a0012345678' },
          { type: 'assigned', at: at(7), to: '665f1c2e9b1d4a0012345679' },
          { type: 'mail-suppressed', at: at(8), to: 'notification', reason: 'opt-out' },
          { type: 'note-added', at: at(8), reason: 'Note interne' },
          { type: 'status-changed', at: at(9), to: 'pending' },
          { type: 'mail-queued', at: at(9), to: 'agent-reply' },
          { type: 'follow-up', at: at(20) },
          { type: 'reopened', at: at(20), to: 'open', reason: 'nouveau message du demandeur' },
          { type: 'status-changed', at: at(30), to: 'resolved' },
        ],
      },
    ],
    messages: [
      { direction: 'outbound', kind: 'acknowledgement', at: at(1), text: 'Accusé', attachments: [], deliveryStatus: 'sent' },
      { direction: 'outbound', kind: 'agent-reply', at: at(9), text: 'Merci de préciser la rue.', attachments: [], deliveryStatus: 'sent' },
      { direction: 'internal', kind: 'note', at: at(9), text: 'Note interne : voir avec @Martin', attachments: [] },
      {
        direction: 'outbound',
        kind: 'agent-reply',
        at: at(10),
        text: 'Réponse jamais envoyée',
        attachments: [],
        deliveryStatus: 'suppressed',
      },
      { direction: 'inbound', kind: 'follow-up', at: at(20), text: 'Rue des Lilas.', attachments: [{ filename: 'photo.jpg' }] },
    ],
  };

  it('names each step in the citizen’s words, once, without agents, their reasons or suppressed mail', () => {
    expect(citizenSteps(facts).map((step) => step.label)).toEqual([
      'Demande reçue',
      'Demande à l’accueil de la mairie, qui la confie au bon service',
      'Demande transmise au service Voirie et espaces publics',
      'Un agent du service a pris en charge votre demande',
      'La mairie attend une réponse de votre part',
      'La mairie vous a écrit',
      'Votre message a été ajouté à votre dossier',
      'Demande rouverte après votre message',
      'La mairie a répondu : demande traitée',
    ]);
    expect(JSON.stringify(citizenSteps(facts))).not.toMatch(/Note interne|665f1c2e/);
  });

  it('shows the messages exchanged: the citizen’s and the agents’ sent replies, never an internal note', () => {
    expect(citizenMessages(facts).map(({ from, text }) => [from, text])).toEqual([
      ['mairie', 'Merci de préciser la rue.'],
      ['citizen', 'Rue des Lilas.'],
    ]);
  });
});

describe('which follow-up a ticket change calls for', () => {
  it.each([
    ['moved to a service', { status: 'new', queue: 'voirie', previousQueue: 'accueil' }, 'sent-to-service'],
    ['moved back to reception', { status: 'new', queue: 'accueil', previousQueue: 'voirie' }, null],
    ['waiting for the citizen', { status: 'pending', queue: 'voirie' }, 'information-needed'],
    ['closed', { status: 'closed', queue: 'voirie' }, 'closed'],
    ['resolved (the closing message tells it)', { status: 'resolved', queue: 'voirie' }, null],
    ['the citizen’s own message', { status: 'pending', queue: 'voirie', followUp: { reopened: false } }, null],
    ['taken by an agent', { status: 'open', queue: 'voirie' }, null],
  ])('%s', (_case, change, kind) => {
    expect(milestoneOf(change, 'accueil')?.kind ?? null).toBe(kind);
  });
});
