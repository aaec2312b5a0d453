import request from 'supertest';

import { RequestModel } from '../../models/request/request-model';
import { TicketModel } from '../../models/ticket/ticket-model';
import type { RunningApplication } from '../../server/application';
import { startTestApplication } from '../support/test-application';
import { birthCertificate, formFields, statusPathOf } from './citizen-test-kit';

jest.setTimeout(60_000);

describe('the public request form at /demande, without JavaScript', () => {
  let application: RunningApplication;

  beforeAll(async () => {
    ({ application } = await startTestApplication({ publicFormMinFillSeconds: 0 }));
  });
  afterAll(async () => {
    await application?.stop();
  });

  it('shows a French form with visible labels, a hidden robot trap and its own idempotency key', async () => {
    const page = await request(application.url).get('/demande').expect(200).expect('content-type', /html/);
    expect(page.text).toContain('<html lang="fr">');
    expect(page.text).toContain('<title>Faire une demande à la mairie – Mairie</title>');
    for (const [id, label] of [
      ['champ-name', 'Nom et prénom'],
      ['champ-email', 'Adresse e-mail'],
      ['champ-text', 'Votre demande'],
      ['champ-attachments', 'Pièces jointes'],
    ]) {
      expect(page.text).toContain(`<label for="${id}">${label}`);
    }
    expect(page.text).toMatch(/<div class="trap" aria-hidden="true">[\s\S]*tabindex="-1"/);
    expect(page.text).toMatch(/name="cle" value="[0-9a-f-]{36}"/);
    const second = await request(application.url).get('/demande').expect(200);
    expect(/name="cle" value="([^"]+)"/.exec(second.text)![1]).not.toBe(/name="cle" value="([^"]+)"/.exec(page.text)![1]);
  });

  it('stores a form post through the intake path and answers with the confirmation: reference, service, delay, next steps', async () => {
    const fields = await formFields(application, birthCertificate);
    const posted = await request(application.url).post('/demande').type('form').send(fields).expect(303);
    const statusPath = statusPathOf(posted.headers.location);
    const stored = await RequestModel.findOne({ idempotencyKey: fields.cle });
    expect(stored).toMatchObject({ channel: 'form', text: birthCertificate.text, reference: expect.stringMatching(/^AIG-\d{4}-\d{6}$/) });

    await application.worker.idle();
    const ticket = (await TicketModel.findOne({ requestId: stored!._id }))!;
    expect(ticket.reference).toBe(stored!.reference);
    const confirmation = await request(application.url).get(posted.headers.location).expect(200);
    expect(confirmation.text).toContain(`<title>Demande envoyée : ${ticket.reference} – Mairie</title>`);
    expect(confirmation.text).toContain(`Votre référence : <strong>${ticket.reference}</strong>`);
    expect(confirmation.text).toContain('<dt>Service</dt><dd>État civil</dd>');
    expect(confirmation.text).toMatch(/Réponse attendue<\/dt><dd>(d’ici le \p{L}+ \d{1,2} \p{L}+ \d{4}|dans les meilleurs délais)/u);
    expect(confirmation.text).toMatch(/Votre demande est confiée au service État civil, qui vous répondra/);
    expect(confirmation.text).toContain('Et ensuite ?');
    expect(confirmation.text).toContain(`href="${statusPath}"`);
  });

  it('says "being sorted" at the reception desk while the request is not routed yet', async () => {
    const fields = await formFields(application, {
      ...birthCertificate,
      text: 'Bonjour, je voudrais savoir quand ramasser mes encombrants. Merci.',
    });
    await application.worker.stop();
    try {
      const posted = await request(application.url).post('/demande').type('form').send(fields).expect(303);
      const confirmation = await request(application.url).get(posted.headers.location).expect(200);
      expect(confirmation.text).toContain('en cours de tri');
      expect(confirmation.text).toContain('<dt>Service</dt><dd>Accueil de la mairie, qui trie votre demande</dd>');
      expect(confirmation.text).toMatch(/Votre référence : <strong>AIG-\d{4}-\d{6}<\/strong>/);
    } finally {
      ({ application } = await restart(application));
    }
  });

  it('shows the form again with every value kept and each error tied to its field and summarised first', async () => {
    const fields = await formFields(application, { name: '', email: 'pas-une-adresse', text: '   ', subject: 'Mon objet <b>gras</b>' });
    const answer = await request(application.url).post('/demande').type('form').send(fields).expect(422);
    expect(answer.text).toContain('<title>Erreur : Faire une demande à la mairie – Mairie</title>');
    expect(answer.text).toMatch(/<div id="erreurs" class="error-summary" tabindex="-1" role="alert">/);
    expect(answer.text).toContain('<a href="#champ-name">Le nom est obligatoire.</a>');
    expect(answer.text).toContain('<a href="#champ-email">L&#39;adresse e-mail est invalide.</a>');
    expect(answer.text).toContain('<a href="#champ-text">Le texte de la demande est obligatoire.</a>');
    expect(answer.text).toMatch(/id="champ-email" name="email" aria-invalid="true" aria-describedby="champ-email-aide champ-email-erreur"/);
    expect(answer.text).toContain('value="pas-une-adresse"');
    expect(answer.text).toContain('value="Mon objet &lt;b&gt;gras&lt;/b&gt;"');
    expect(answer.text).toContain(`name="cle" value="${fields.cle}"`);
    expect(await RequestModel.countDocuments({ idempotencyKey: fields.cle })).toBe(0);
  });

  it('makes one request of a double click (the same form key twice) and refuses to reuse a key for another text', async () => {
    const fields = await formFields(application, { ...birthCertificate, text: 'Bonjour, une copie de mon acte de mariage, svp. Merci.' });
    const [first, second] = await Promise.all([
      request(application.url).post('/demande').type('form').send(fields),
      request(application.url).post('/demande').type('form').send(fields),
    ]);
    expect([first.status, second.status]).toEqual([303, 303]);
    expect(second.headers.location).toBe(first.headers.location);
    expect(await RequestModel.countDocuments({ idempotencyKey: fields.cle })).toBe(1);

    const changed = await request(application.url)
      .post('/demande')
      .type('form')
      .send({ ...fields, text: 'Finalement, un acte de décès.' })
      .expect(409);
    expect(changed.text).toContain('Une demande a déjà été envoyée depuis ce formulaire');
    expect(changed.text).toContain('Finalement, un acte de décès.');
    expect(changed.text).not.toContain(`name="cle" value="${fields.cle}"`);
  });

  it('keeps attachments under the mail policy: a program is refused next to its field, a PDF is kept with the request', async () => {
    const fields = await formFields(application, birthCertificate);
    const withProgram = request(application.url).post('/demande');
    for (const [name, value] of Object.entries(fields)) withProgram.field(name, value);
    const refused = await withProgram
      .attach('attachments', Buffer.from('MZ\x90\x00programme'), { filename: 'facture.pdf.exe', contentType: 'application/octet-stream' })
      .expect(422);
    expect(refused.text).toMatch(
      /<a href="#champ-attachments">« facture\.pdf\.exe » : Type de fichier refusé pour des raisons de sécurité/,
    );
    expect(refused.text).toContain(birthCertificate.text.replace(/’/g, '’'));
    expect(await RequestModel.countDocuments({ idempotencyKey: fields.cle })).toBe(0);

    const withPdf = request(application.url).post('/demande');
    for (const [name, value] of Object.entries(fields)) withPdf.field(name, value);
    await withPdf
      .attach('attachments', Buffer.from('%PDF-1.4 livret de famille'), {
        filename: 'livret-de-famille.pdf',
        contentType: 'application/pdf',
      })
      .expect(303);
    const stored = (await RequestModel.findOne({ idempotencyKey: fields.cle }))!;
    expect(
      stored.attachments.map(({ filename, contentType, size, storageId }) => ({ filename, contentType, size, kept: Boolean(storageId) })),
    ).toEqual([{ filename: 'livret-de-famille.pdf', contentType: 'application/pdf', size: 26, kept: true }]);
  });

  it('stops robots: the hidden field filled, or no signed start time, stores nothing', async () => {
    const trapped = await formFields(application, { ...birthCertificate, site_web: 'http://spam.example' });
    const answer = await request(application.url).post('/demande').type('form').send(trapped).expect(422);
    expect(answer.text).toContain('Un champ réservé à la détection des robots a été rempli');
    expect(answer.text).toContain('id="champ-site-web" name="site_web" type="text" tabindex="-1" autocomplete="off" value=""');
    const forged = await formFields(application, birthCertificate);
    await request(application.url)
      .post('/demande')
      .type('form')
      .send({ ...forged, debut: `${Date.now() - 3_600_000}.AAAAAAAAAAAAAAAAAAAAAA` })
      .expect(422);
    expect(await RequestModel.countDocuments({ idempotencyKey: { $in: [trapped.cle, forged.cle] } })).toBe(0);
  });

  it('gives the reference in the API’s 201 answer too', async () => {
    const answer = await request(application.url)
      .post('/api/requests')
      .send({ text: 'Le lampadaire de la rue des Lilas est éteint depuis trois jours.', requester: { name: 'Paul Durand' } })
      .expect(201);
    expect(answer.body.reference).toMatch(/^AIG-\d{4}-\d{6}$/);
    await application.worker.idle();
    expect((await TicketModel.findOne({ requestId: answer.body.id }))!.reference).toBe(answer.body.reference);
  });
});

describe('the public form’s guards that need their own settings', () => {
  it('refuses a form sent faster than a person could fill it, and keeps what was typed', async () => {
    const { application } = await startTestApplication({ publicFormMinFillSeconds: 600 });
    try {
      const fields = await formFields(application, birthCertificate);
      const answer = await request(application.url).post('/demande').type('form').send(fields).expect(422);
      expect(answer.text).toContain('Votre demande a été envoyée très vite');
      expect(answer.text).toContain(`name="debut" value="${fields.debut}"`);
      expect(answer.text).toContain('value="Claire Martin"');
    } finally {
      await application.stop();
    }
  });

  it('limits posts per address, with a page a person can read', async () => {
    const { application } = await startTestApplication({ publicFormMinFillSeconds: 0, intakeRateLimitPerMinute: 2 });
    try {
      const fields = await formFields(application, birthCertificate);
      await request(application.url).post('/demande').type('form').send(fields).expect(303);
      await request(application.url).post('/demande').type('form').send(fields).expect(303);
      const refused = await request(application.url).post('/demande').type('form').send(fields).expect(429).expect('content-type', /html/);
      expect(refused.text).toContain('Trop de demandes envoyées depuis votre connexion');
    } finally {
      await application.stop();
    }
  });
});

async function restart(previous: RunningApplication) {
  await previous.stop();
  return startTestApplication({ publicFormMinFillSeconds: 0 });
}
