import request from 'supertest';

import { saveCommune } from '../../models/communes/commune-repository';
import { RequestModel } from '../../models/request/request-model';
import { TicketModel } from '../../models/ticket/ticket-model';
import type { RunningApplication } from '../../server/application';
import { birthCertificate, formFields, statusPathOf } from '../citizen/citizen-test-kit';
import { startTestApplication } from '../support/test-application';
import { addEpciCommunes, communeSettings, obernai, saintDenis } from './commune-test-kit';

jest.setTimeout(60_000);

/** The options of the form's commune list, as [value, text], in page order. */
function communeOptions(html: string): string[][] {
  const list = /<select id="champ-commune" name="commune"[^>]*>([\s\S]*?)<\/select>/.exec(html);
  if (!list) throw new Error('no commune list in the page');
  return [...list[1].matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].map((match) => [match[1], match[2]]);
}

describe('the public form (/demande, without JavaScript) names its commune', () => {
  let application: RunningApplication;

  beforeAll(async () => {
    ({ application } = await startTestApplication({ publicFormMinFillSeconds: 0 }));
  });
  afterAll(async () => application?.stop());

  it('asks for no commune on a single-commune service, even when a link names one', async () => {
    for (const path of ['/demande', `/demande?commune=${obernai.insee}`]) {
      const page = await request(application.url).get(path).expect(200);
      expect(page.text).not.toContain('name="commune"');
      expect(page.text).toContain('<form id="formulaire-demande" method="post" action="/demande"');
      expect(page.text).toContain('<p class="site-name">Mairie – services en ligne</p>');
    }
  });

  describe('on a service of several communes', () => {
    beforeAll(async () => {
      await addEpciCommunes(application);
      await saveCommune('2A004', communeSettings('Ajaccio', { active: false }));
      await application.communes.load();
    });

    it('offers the active communes by name, valued by INSEE code, in a required labelled list', async () => {
      const page = await request(application.url).get('/demande').expect(200);
      expect(page.text).toContain('<label for="champ-commune">Votre commune <span class="required">(obligatoire)</span></label>');
      expect(page.text).toMatch(
        /<select id="champ-commune" name="commune" required aria-required="true" aria-describedby="champ-commune-aide">/,
      );
      expect(communeOptions(page.text)).toEqual([
        ['', 'Choisissez votre commune'],
        ['00000', 'Mairie'],
        [obernai.insee, 'Obernai'],
        [saintDenis.insee, 'Saint-Denis'],
      ]);
    });

    it('refuses a form with no commune chosen: the French message next to the list, every value kept, nothing stored', async () => {
      const before = await RequestModel.countDocuments({});
      const answer = await request(application.url)
        .post('/demande')
        .type('form')
        .send(await formFields(application, birthCertificate))
        .expect(422);
      const message = 'Précisez la commune concernée (champ « commune », code INSEE) : ce service en dessert plusieurs.';
      expect(answer.text).toContain(
        `<p class="field-error" id="champ-commune-erreur"><span class="visually-hidden">Erreur : </span>${message}</p>`,
      );
      expect(answer.text).toMatch(
        /<select id="champ-commune" name="commune" required aria-required="true" aria-invalid="true" aria-describedby="champ-commune-aide champ-commune-erreur">/,
      );
      expect(answer.text).toContain(`<li><a href="#champ-commune">${message}</a></li>`);
      expect(answer.text).toContain('value="Claire Martin"');
      expect(await RequestModel.countDocuments({})).toBe(before);
    });

    it('stores the chosen commune’s request; its confirmation, status and opt-out pages name that commune’s town hall', async () => {
      const sent = await request(application.url)
        .post('/demande')
        .type('form')
        .send(await formFields(application, { ...birthCertificate, commune: saintDenis.insee }))
        .expect(303);
      await application.worker.idle();
      const stored = (await RequestModel.find({}).sort({ _id: -1 }).limit(1))[0];
      expect(stored.commune).toBe(saintDenis.insee);
      expect(await TicketModel.findOne({ requestId: stored._id }).lean()).toMatchObject({ commune: saintDenis.insee });

      const confirmation = await request(application.url).get(sent.headers.location).expect(200);
      expect(confirmation.text).toMatch(/<title>Demande envoyée : AIG-\d{4}-\d{6} – Mairie de Saint-Denis<\/title>/);
      expect(confirmation.text).toContain('<p class="site-name">Mairie de Saint-Denis – services en ligne</p>');
      const statusPath = statusPathOf(sent.headers.location);
      for (const path of [statusPath, `${statusPath}/desabonnement`]) {
        const page = await request(application.url).get(path).expect(200);
        expect(page.text).toContain('<p class="site-name">Mairie de Saint-Denis – services en ligne</p>');
        expect(page.text).toContain(' – Mairie de Saint-Denis</title>');
      }
    });

    it('takes a commune’s own link (/demande?commune=67348): its town hall named, its code sent hidden, kept when the form comes back', async () => {
      const path = `/demande?commune=${obernai.insee}`;
      const page = await request(application.url).get(path).expect(200);
      expect(page.text).not.toContain('<select');
      expect(page.text).toContain(`<input type="hidden" name="commune" value="${obernai.insee}">`);
      expect(page.text).toContain(`action="${path}"`);
      expect(page.text).toContain('<p class="site-name">Mairie d’Obernai – services en ligne</p>');
      expect(page.text).toContain('Votre demande sera adressée à la mairie d’Obernai.');

      const incomplete = await request(application.url)
        .post(path)
        .type('form')
        .send(await formFields(application, { name: 'Rose Adam', commune: obernai.insee }, path))
        .expect(422);
      expect(incomplete.text).toContain('Le texte de la demande est obligatoire.');
      expect(incomplete.text).not.toContain('<select');
      expect(incomplete.text).toContain(`<input type="hidden" name="commune" value="${obernai.insee}">`);

      const sent = await request(application.url)
        .post(path)
        .type('form')
        .send(await formFields(application, { ...birthCertificate, commune: obernai.insee }, path))
        .expect(303);
      const stored = (await RequestModel.find({}).sort({ _id: -1 }).limit(1))[0];
      expect(stored.commune).toBe(obernai.insee);
      const confirmation = await request(application.url).get(sent.headers.location).expect(200);
      expect(confirmation.text).toContain('<p class="site-name">Mairie d’Obernai – services en ligne</p>');
    });

    it('shows the list with a notice when a link names a commune that takes no requests here: unknown, inactive or malformed', async () => {
      for (const code of ['75056', '2A004', 'Obernai']) {
        const page = await request(application.url).get(`/demande?commune=${code}`).expect(200);
        expect(page.text).toContain(
          `<p class="callout" id="champ-commune-aide">Le lien que vous avez suivi désigne une commune qui ne reçoit pas de demandes par ce service (« ${code} ») : choisissez votre commune dans la liste.</p>`,
        );
        expect(communeOptions(page.text).map(([insee]) => insee)).toEqual(['', '00000', obernai.insee, saintDenis.insee]);
        expect(page.text).toContain('action="/demande"');
      }
    });

    it('keeps the chosen commune selected when the form comes back for another field', async () => {
      const answer = await request(application.url)
        .post('/demande')
        .type('form')
        .send(await formFields(application, { name: 'Rose Adam', commune: saintDenis.insee }))
        .expect(422);
      expect(answer.text).toContain('Le texte de la demande est obligatoire.');
      expect(answer.text).toContain(`<option value="${saintDenis.insee}" selected>Saint-Denis</option>`);
      expect(answer.text).not.toContain('id="champ-commune-erreur"');
    });

    it('refuses a commune the service does not serve, posted by hand, next to the list', async () => {
      const answer = await request(application.url)
        .post('/demande')
        .type('form')
        .send(await formFields(application, { ...birthCertificate, commune: '2A004' }))
        .expect(422);
      expect(answer.text).toContain('La commune Ajaccio (2A004) ne reçoit plus de demandes par ce service.');
      expect(answer.text).toContain('id="champ-commune-erreur"');
    });
  });
});
