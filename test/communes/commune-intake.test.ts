import nodemailer from 'nodemailer';
import request from 'supertest';

import { saveCommune } from '../../models/communes/commune-repository';
import { RequestModel } from '../../models/request/request-model';
import { TicketModel } from '../../models/ticket/ticket-model';
import type { RunningApplication } from '../../server/application';
import { eventually } from '../mail/mail-test-setup';
import { startTestApplication } from '../support/test-application';
import { addEpciCommunes, communeSettings, obernai, saintDenis } from './commune-test-kit';

const form = (text: string, commune?: string) => ({
  text,
  requester: { name: 'Rose Adam', email: 'rose.adam@example.org' },
  ...(commune ? { commune } : {}),
});

describe('intake per commune: the form names the commune, the SMTP recipient decides it', () => {
  let application: RunningApplication;

  beforeAll(async () => {
    ({ application } = await startTestApplication());
  });
  afterAll(async () => application.stop());

  it('works as a single-commune service with no commune configured: the default commune takes every form', async () => {
    await request(application.url)
      .get('/api/communes')
      .expect(200, { communes: [{ insee: '00000', name: 'Mairie' }] });
    const created = await request(application.url)
      .post('/api/requests')
      .send(form('Bonjour, je voudrais un extrait de mon acte de naissance.'))
      .expect(201);
    await application.worker.idle();
    expect(await RequestModel.findById(created.body.id).lean()).toMatchObject({ commune: '00000' });
    expect(await TicketModel.findOne({ requestId: created.body.id }).lean()).toMatchObject({ commune: '00000' });
  });

  describe('with several communes', () => {
    beforeAll(async () => {
      await addEpciCommunes(application);
      await saveCommune('2A004', communeSettings('Ajaccio', { active: false, inboxAddresses: ['mairie@ajaccio.example'] }));
      await application.communes.load();
    });

    it('lists the active communes for form integrations, nothing more', async () => {
      const response = await request(application.url).get('/api/communes').expect(200);
      expect(response.body).toEqual({
        communes: [
          { insee: '00000', name: 'Mairie' },
          { insee: obernai.insee, name: 'Obernai' },
          { insee: saintDenis.insee, name: 'Saint-Denis' },
        ],
      });
    });

    it('refuses, in French and before storing anything, a form with no commune, an unknown one, an inactive one or a malformed code', async () => {
      const before = await RequestModel.countDocuments({});
      const missing = await request(application.url).post('/api/requests').send(form('Bonjour, une demande sans commune.')).expect(422);
      expect(missing.body.error).toBe('Précisez la commune concernée (champ « commune », code INSEE) : ce service en dessert plusieurs.');
      const unknown = await request(application.url).post('/api/requests').send(form('Bonjour, une demande.', '75056')).expect(422);
      expect(unknown.body.error).toBe("La commune 75056 n'est pas desservie par ce service : vérifiez son code INSEE.");
      const inactive = await request(application.url).post('/api/requests').send(form('Bonjour, une demande.', '2a004')).expect(422);
      expect(inactive.body.error).toBe('La commune Ajaccio (2A004) ne reçoit plus de demandes par ce service.');
      const malformed = await request(application.url).post('/api/requests').send(form('Bonjour, une demande.', 'Obernai')).expect(400);
      expect(malformed.body.error).toContain('Le code INSEE de la commune compte cinq caractères');
      expect(await RequestModel.countDocuments({})).toBe(before);
    });

    it('stores a form for the commune it names, and its ticket belongs to that commune', async () => {
      const created = await request(application.url)
        .post('/api/requests')
        .send(form('Bonjour, le lampadaire de la rue du Marché est éteint depuis trois jours.', obernai.insee))
        .expect(201);
      await application.worker.idle();
      expect(await TicketModel.findOne({ requestId: created.body.id }).lean()).toMatchObject({ commune: obernai.insee, queue: 'voirie' });
    });

    it('gives a mail to the commune of its SMTP recipient, any of its addresses, and refuses addresses of no active commune', async () => {
      const transport = nodemailer.createTransport({ host: '127.0.0.1', port: application.smtpPort!, secure: false, ignoreTLS: true });
      const sent = await transport.sendMail({
        from: 'paul.hoarau@example.org',
        to: 'Accueil <ACCUEIL@saintdenis.example>',
        subject: 'Inscription scolaire',
        text: 'Bonjour, je souhaite inscrire ma fille en CP à la rentrée prochaine.',
      });
      expect(sent.accepted).toEqual(['ACCUEIL@saintdenis.example']);
      const stored = await eventually(() => RequestModel.findOne({ messageId: sent.messageId }).lean(), 'the mail stored');
      expect(stored.commune).toBe(saintDenis.insee);
      for (const address of ['inconnu@mairie.example', 'mairie@ajaccio.example']) {
        await expect(
          transport.sendMail({ from: 'paul.hoarau@example.org', to: address, subject: 'Test', text: 'Bonjour.' }),
        ).rejects.toThrow(/550/);
      }
      transport.close();
    });

    it('serves one commune per SMTP transaction and stores the same mail once for each commune it was sent to', async () => {
      const transport = nodemailer.createTransport({ host: '127.0.0.1', port: application.smtpPort!, secure: false, ignoreTLS: true });
      const mail = {
        from: 'lea.muller@example.org',
        subject: 'Nid de poule',
        text: 'Bonjour, un nid de poule dangereux rue des Vosges.',
        messageId: '<deux-communes@example.org>',
      };
      const both = await transport.sendMail({ ...mail, to: [obernai.address, saintDenis.address] });
      expect(both.accepted).toEqual([obernai.address]);
      expect(both.rejected).toEqual([saintDenis.address]);
      expect(both.rejectedErrors?.[0].message).toMatch(/452/);
      // What the sending server does with a 452: a transaction of its own for that recipient, later.
      await transport.sendMail({ ...mail, to: saintDenis.address });
      transport.close();
      const stored = await eventually(async () => {
        const found = await RequestModel.find({ messageId: '<deux-communes@example.org>' }).lean();
        return found.length === 2 ? found : null;
      }, 'one request per commune');
      expect(stored.map((one) => one.commune).sort()).toEqual([obernai.insee, saintDenis.insee]);
    });
  });
});
