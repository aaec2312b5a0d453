import request from 'supertest';

import { ensureQueues } from '../../models/queue/queue-repository';
import { TicketModel } from '../../models/ticket/ticket-model';
import type { Rule } from '../../routing-rules/rule-schema';
import type { RunningApplication } from '../../server/application';
import { activeRulesWith, bearer, publishThroughApi } from '../routing/rule-set-api';
import { freshDatabaseUri, startTestApplication } from '../support/test-application';
import { addEpciCommunes, epciSiren, obernai, saintDenis, signedInFor } from './commune-test-kit';

const buildingPermit = 'Bonjour, je souhaite déposer une demande de permis de construire pour une extension de ma maison.';

/** Obernai's own rule: its building permits go to the EPCI's shared service (ADS), which examines them for it. */
const obernaiToAds: Rule = {
  id: 'obernai-ads',
  name: "Permis d'Obernai au service ADS de l'EPCI",
  priority: 900,
  enabled: true,
  stop: true,
  communes: [obernai.insee],
  when: { kind: 'queue', op: 'equals', value: 'urbanisme' },
  then: [{ type: 'route', queue: 'ads' }],
};

describe("shared services: a commune's rules send its requests to its EPCI's queue", () => {
  let application: RunningApplication;
  const databaseUri = freshDatabaseUri();
  const tokens = {} as Record<'obernaiSupervisor' | 'epciSupervisor' | 'adsAgent' | 'obernaiUrbanisme', string>;

  async function ticketFor(commune: string, text: string) {
    const created = await request(application.url)
      .post('/api/requests')
      .send({ commune, text, requester: { name: 'Jean Schmitt' } })
      .expect(201);
    await application.worker.idle();
    return (await TicketModel.findOne({ requestId: created.body.id }).lean())!;
  }

  beforeAll(async () => {
    ({ application } = await startTestApplication({}, databaseUri));
    await addEpciCommunes(application);
    await ensureQueues([
      {
        id: 'ads',
        label: 'Service instructeur ADS (EPCI)',
        description: "Autorisations du droit des sols, pour toutes les communes de l'EPCI",
      },
      { id: 'ccas-saint-denis', label: 'CCAS de Saint-Denis', description: 'Action sociale de Saint-Denis', commune: saintDenis.insee },
    ]);
    // Queues are read at start-up, like a queue made by an administrator's command.
    await application.stop();
    ({ application } = await startTestApplication({}, databaseUri));
    tokens.obernaiSupervisor = await signedInFor(application, 'supervisor', { communes: [obernai.insee] });
    tokens.epciSupervisor = await signedInFor(application, 'supervisor', { epci: epciSiren });
    tokens.adsAgent = await signedInFor(application, 'agent', { queues: ['ads'], epci: epciSiren });
    tokens.obernaiUrbanisme = await signedInFor(application, 'agent', { queues: ['urbanisme'], communes: [obernai.insee] });
  }, 60_000);
  afterAll(async () => application.stop());

  it("lets a commune's supervisor publish a rule of their commune, and nothing of the service's rules", async () => {
    const refused = await request(application.url)
      .post('/api/rule-sets/versions')
      .set(bearer(tokens.obernaiSupervisor))
      .send({ ruleSet: await activeRulesWith(application, tokens.obernaiSupervisor, { ...obernaiToAds, communes: undefined }) })
      .expect(403);
    expect(refused.body.error).toBe(
      "Vous ne modifiez que les règles propres à vos communes ; celles-ci sont d'un autre niveau : Permis d'Obernai au service ADS de l'EPCI.",
    );
    await publishThroughApi(
      application,
      tokens.obernaiSupervisor,
      await activeRulesWith(application, tokens.obernaiSupervisor, obernaiToAds),
    );
    const active = await request(application.url).get('/api/rule-sets/active').set(bearer(tokens.epciSupervisor)).expect(200);
    expect(active.body.version.ruleSet.rules.find((rule: Rule) => rule.id === 'obernai-ads')).toMatchObject({ communes: [obernai.insee] });
  });

  it("sends Obernai's building permits to the EPCI's service, not Saint-Denis's", async () => {
    expect((await ticketFor(obernai.insee, buildingPermit)).queue).toBe('ads');
    expect((await ticketFor(saintDenis.insee, buildingPermit)).queue).toBe('urbanisme');
  });

  it("shows the shared service's agents every commune's tickets, each with its commune; a commune's agents only theirs", async () => {
    const saintDenisAds = await ticketFor(saintDenis.insee, 'Bonjour, où en est l’instruction de ma déclaration préalable de travaux ?');
    await TicketModel.updateOne({ _id: saintDenisAds._id }, { $set: { queue: 'ads' } });
    const shared = await request(application.url).get('/api/tickets?queue=ads').set(bearer(tokens.adsAgent)).expect(200);
    expect(new Set(shared.body.tickets.map((ticket: { commune: string }) => ticket.commune))).toEqual(
      new Set([obernai.insee, saintDenis.insee]),
    );
    const own = await request(application.url).get('/api/tickets').set(bearer(tokens.obernaiUrbanisme)).expect(200);
    expect(
      own.body.tickets.every(
        (ticket: { commune: string; queue: string }) => ticket.commune === obernai.insee && ticket.queue === 'urbanisme',
      ),
    ).toBe(true);
  });

  it("never puts a commune's request in another commune's own desk, whatever a rule says", async () => {
    const misdirected: Rule = {
      id: 'social-vers-ccas-voisin',
      name: 'Erreur de saisie',
      priority: 950,
      enabled: true,
      stop: true,
      communes: [obernai.insee],
      when: { kind: 'queue', op: 'equals', value: 'social' },
      then: [{ type: 'route', queue: 'ccas-saint-denis' }],
    };
    await publishThroughApi(application, tokens.epciSupervisor, await activeRulesWith(application, tokens.epciSupervisor, misdirected));
    const ticket = await ticketFor(
      obernai.insee,
      'Bonjour, je voudrais une aide du CCAS pour payer ma facture d’électricité, je suis en grande difficulté.',
    );
    expect(ticket.trace).toMatchObject({ decidedQueue: 'ccas-saint-denis' });
    expect(ticket.queue).toBe('accueil');
  });
});
