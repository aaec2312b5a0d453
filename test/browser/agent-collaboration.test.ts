import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';

import { createUser } from '../../models/accounts/user-repository';
import { TicketMessageModel } from '../../models/ticket/ticket-message-model';
import { TicketModel } from '../../models/ticket/ticket-model';
import type { RunningApplication } from '../../server/application';
import { hashPassword } from '../../server/auth/password-hashing';
import { rawMail } from '../support/raw-mail';
import { startTestApplication } from '../support/test-application';
import {
  ensureClientBuilt,
  launchBrowser,
  saveScreenshot,
  seriousAccessibilityViolations,
  signInThroughForm,
  watchForPageProblems,
} from './support/browser';

const png = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201ffa6d4d4b20000000049454e44ae426082',
  'hex',
);
const queueSize = 30;

/** A one-page PDF saying « Bonjour PDF », with its cross-reference table, as a scanner would send a small one. */
function onePagePdf(): Buffer {
  const stream = 'BT /F1 24 Tf 20 60 Td (Bonjour PDF) Tj ET';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets = objects.map((object, index) => {
    const offset = pdf.length;
    pdf += `${index + 1} 0 obj\n${object}\nendobj\n`;
    return offset;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** Records what the page shows as desktop notifications (the real API, with the permission the test grants). */
const recordDesktopNotifications = `
  window.__desktopNotifications = [];
  const Original = window.Notification;
  class Recorded extends Original {
    constructor(title, options) {
      super(title, options);
      window.__desktopNotifications.push(options && options.body);
    }
  }
  Object.defineProperty(window, 'Notification', { value: Recorded, configurable: true });
`;

jest.setTimeout(120_000);

/**
 * Issue 17, items 4, 5, 7 and 8 as agents live them in Chromium: a queue of thirty requests, one taken, answered
 * with a canned response and set waiting by keyboard; the composer's preview, drafts that survive a colleague's
 * change and a reload, « Paul Martin répond à cette demande », notes with mentions, notifications in the tab title
 * and on the desktop, assignment by name with each one's load, attachments in a sandbox, shortcuts and their help.
 */
describe('agents work together on requests in the browser', () => {
  let application: RunningApplication;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const pageProblems: string[][] = [];
  const users: Record<string, { email: string; password: string; id: string; token?: string }> = {};
  let marie: Page;
  let paul: Page;

  const api = () => request(application.url);
  const as = (who: string) => ({ Authorization: `Bearer ${users[who].token}` });

  async function staff(who: string, displayName: string, role: 'agent' | 'supervisor', queues: string[]) {
    const password = randomBytes(12).toString('base64url');
    const email = `${who}.${randomBytes(3).toString('hex')}@mairie.example`;
    const user = await createUser({ email, displayName, role, queues, passwordHash: await hashPassword(password) });
    users[who] = { email, password, id: user.id };
    users[who].token = (await api().post('/api/auth/sign-in').send({ email, password }).expect(200)).body.token as string;
  }

  async function agentPage(who: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    context.setDefaultTimeout(15_000);
    await context.addInitScript(recordDesktopNotifications);
    contexts.push(context);
    const page = await context.newPage();
    pageProblems.push(watchForPageProblems(page));
    await signInThroughForm(page, application.url, users[who]);
    await page.getByText('En direct', { exact: true }).waitFor();
    return page;
  }

  async function openTicket(page: Page, id: string): Promise<void> {
    const { reference } = (await TicketModel.findById(id))!;
    await page.goto(`${application.url}/#/demandes/${id}`);
    // This ticket's heading, not the one of the screen being left.
    await page.getByRole('heading', { level: 1, name: `Demande ${reference}` }).waitFor();
    await page.getByLabel('Votre réponse').waitFor();
  }

  /** Waits for the tab's title (read through the protocol: the page's CSP rightly forbids evaluating strings in it). */
  async function titleOf(page: Page, expected: (title: string) => boolean): Promise<void> {
    for (let tries = 0; !expected(await page.title()); tries += 1) {
      if (tries > 100) throw new Error(`unexpected tab title: ${await page.title()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function ticketIds(): Promise<string[]> {
    const { body } = await api().get('/api/tickets?pageSize=100').set(as('marie')).expect(200);
    return (body.tickets as Array<{ id: string }>).map((ticket) => ticket.id);
  }

  beforeAll(async () => {
    ensureClientBuilt();
    [{ application }, browser] = await Promise.all([startTestApplication(), launchBrowser()]);
    await staff('marie', 'Marie Dupont', 'agent', ['etat-civil']);
    await staff('paul', 'Paul Martin', 'agent', ['etat-civil']);
    await staff('sophie', 'Sophie Chef', 'supervisor', []);
    await api()
      .put('/api/queues/etat-civil/signature')
      .set(as('sophie'))
      .send({ signature: 'Le service de l’état civil de la mairie' })
      .expect(200);
    await api()
      .post('/api/canned-responses')
      .set(as('sophie'))
      .send({
        queue: 'etat-civil',
        title: 'Pièces manquantes',
        body: 'Bonjour {{nom}},\n\nPour traiter votre demande {{reference}}, merci de nous envoyer une copie de votre pièce d’identité.\n\n{{agent}}',
        status: 'pending',
        tags: ['pieces-manquantes'],
      })
      .expect(201);
    await api()
      .post('/api/requests')
      .send({ text: 'Bonjour, le lampadaire devant chez moi est éteint depuis lundi.', requester: { name: 'Échauffement' } })
      .expect(201);
    await application.worker.idle();
    for (let number = 1; number < queueSize; number += 1) {
      await api()
        .post('/api/requests')
        .send({
          subject: `Copie intégrale d’acte de naissance (${number})`,
          text: `Bonjour, je souhaite recevoir une copie intégrale de mon acte de naissance pour mon dossier de mariage (demande ${number}). Merci.`,
          requester: { name: `Claire Martin ${number}`, email: `claire.martin${number}@example.org` },
        })
        .expect(201);
    }
    const mail = await rawMail({
      from: 'Jeanne Petit <jeanne.petit@example.org>',
      subject: 'Acte de naissance, ma pièce d’identité jointe',
      text: 'Bonjour, je souhaite une copie intégrale de mon acte de naissance. Ma pièce d’identité est jointe.',
      attachments: [
        { filename: 'identite.png', content: png, contentType: 'image/png' },
        { filename: 'livret.pdf', content: onePagePdf(), contentType: 'application/pdf' },
      ],
    });
    await api().post('/api/requests/email').set('Content-Type', 'message/rfc822').send(mail).expect(201);
    for (let waited = 0; (await TicketModel.countDocuments({})) < queueSize + 1 && waited < 100; waited += 1) {
      await application.worker.idle();
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // The warm-up request first: the first request a freshly started service classifies is less confident.
    expect(await TicketModel.countDocuments({ queue: 'etat-civil' })).toBe(queueSize);
    [marie, paul] = await Promise.all([agentPage('marie'), agentPage('paul')]);
  }, 300_000);

  afterEach(() => {
    expect(pageProblems.flat()).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await application?.stop();
  });

  it('takes, answers with a canned response and sets waiting one request of thirty in one click and eight keys', async () => {
    let clicks = 0;
    let keys = 0;
    await marie.goto(`${application.url}/#/demandes`);
    const first = marie.locator('a.ticket-link').first();
    const reference = (await first.textContent())!;
    await first.click();
    clicks += 1;
    await marie.getByRole('heading', { level: 1, name: `Demande ${reference}` }).waitFor();
    await marie.getByLabel('Votre réponse').waitFor();
    // The composer comes before the message, the facts and « Pourquoi ici ? ».
    expect(await marie.locator('.composer ~ .ticket-columns').count()).toBe(1);

    await marie.keyboard.press('t');
    keys += 1;
    await marie.getByText('Vous avez pris la demande en charge.').first().waitFor();
    await marie.keyboard.press('r');
    keys += 1;
    for (const key of [':', ':', 'p', 'i']) await marie.keyboard.press(key);
    keys += 4;
    await marie.getByRole('option', { name: /Pièces manquantes/ }).waitFor();
    await marie.keyboard.press('Enter');
    keys += 1;
    await marie.getByText(/À l’envoi : statut « En attente », étiquette pieces-manquantes/).waitFor();
    expect(await marie.getByLabel('Votre réponse').inputValue()).toMatch(
      new RegExp(`^Bonjour Claire Martin \\d+,\\n\\nPour traiter votre demande ${reference}`),
    );
    await marie.keyboard.press('Control+Shift+Enter');
    keys += 1;
    await marie.getByText('Réponse envoyée ; la demande est en attente de l’usager.').waitFor();

    const ticket = (await TicketModel.findOne({ reference }))!;
    expect(ticket.status).toBe('pending');
    expect(ticket.assigneeId?.toString()).toBe(users.marie.id);
    expect([...ticket.tags]).toContain('pieces-manquantes');
    const reply = (await TicketMessageModel.findOne({ ticketId: ticket._id, kind: 'agent-reply' }))!;
    expect(reply.text).toContain('Le service de l’état civil de la mairie');
    expect(reply.text).toContain('Marie Dupont');
    expect({ clicks, keys }).toEqual({ clicks: 1, keys: 8 });
  });

  it('previews the exact mail, keeps the draft through a colleague’s change and a reload, and shows who is replying', async () => {
    const [, second] = await ticketIds();
    await Promise.all([openTicket(marie, second), openTicket(paul, second)]);
    const draft = marie.waitForResponse((response) => response.url().endsWith('/drafts/reply') && response.request().method() === 'PUT');
    await marie.getByLabel('Votre réponse').fill('Bonjour,\n\nVotre acte vous sera envoyé par courrier cette semaine.');
    await draft;
    await paul.getByText('Marie Dupont répond à cette demande.').waitFor();

    await api().post(`/api/tickets/${second}/take`).set(as('paul')).expect(200);
    await marie.getByText('Cette demande vient d’être modifiée ; l’affichage est à jour.').waitFor();
    await marie.locator('.ticket-summary', { hasText: 'Paul Martin' }).waitFor();
    expect(await marie.getByLabel('Votre réponse').inputValue()).toBe(
      'Bonjour,\n\nVotre acte vous sera envoyé par courrier cette semaine.',
    );

    await marie.reload();
    await marie.getByLabel('Votre réponse').waitFor();
    expect(await marie.getByLabel('Votre réponse').inputValue()).toBe(
      'Bonjour,\n\nVotre acte vous sera envoyé par courrier cette semaine.',
    );

    await marie.getByRole('button', { name: 'Aperçu du courriel' }).click();
    const preview = marie.getByRole('region', { name: 'Aperçu du courriel' });
    await preview.getByText('Le courriel tel que l’usager le recevra').waitFor();
    const shown = (await preview.locator('.mail-preview-text').textContent())!;
    expect(shown).toContain('Votre acte vous sera envoyé par courrier cette semaine.');
    expect(shown).toContain('Le service de l’état civil de la mairie');
    expect(await seriousAccessibilityViolations(marie)).toEqual([]);
    await saveScreenshot(marie, 'ticket-composer', 1400);

    await marie.getByRole('button', { name: 'Envoyer la réponse' }).click();
    await marie.getByText('Réponse enregistrée : elle part par courriel.').waitFor();
    const sent = (await TicketMessageModel.findOne({ ticketId: second, kind: 'agent-reply' }))!;
    expect(sent.text).toBe(shown);
    await paul.getByText('Marie Dupont répond à cette demande.').waitFor({ state: 'detached' });
  });

  it('mentions a colleague in an internal note: they see it in the tab title, the list of notices and on their desktop', async () => {
    const [, second] = await ticketIds();
    await paul.goto(`${application.url}/#/demandes`);
    await paul.getByRole('button', { name: /^Notifications/ }).click();
    // What the agent answers to the browser's question, asked only once they click.
    await paul.context().grantPermissions(['notifications'], { origin: application.url });
    await paul.getByRole('button', { name: 'Activer les notifications du bureau' }).click();
    await paul.getByText('Notifications du bureau activées.').waitFor();
    await paul.getByRole('button', { name: /^Notifications/ }).click();
    // The list's own title, once drawn (on a slow machine the page may still carry the one it loaded with).
    const before = 'Demandes — Aiguillage';
    await titleOf(paul, (title) => title === before);

    await openTicket(marie, second);
    await marie.keyboard.press('i');
    await marie.keyboard.type('@Pa');
    await marie.getByRole('option', { name: 'Paul Martin — agent' }).waitFor();
    await marie.keyboard.press('Enter');
    await marie.keyboard.type('peux-tu vérifier le livret de famille ?');
    expect(await marie.getByLabel('Note interne').inputValue()).toBe('@Paul Martin peux-tu vérifier le livret de famille ?');
    await marie.keyboard.press('Control+Enter');
    await marie.getByText('Note interne ajoutée : seuls vos collègues la voient.').waitFor();
    await marie.locator('.mail-internal', { hasText: '@Paul Martin peux-tu vérifier' }).waitFor();

    await titleOf(paul, (title) => title === `(1) ${before}`);
    await paul.getByRole('button', { name: 'Notifications (1 non lue)' }).click();
    const notice = paul.getByRole('button', { name: /vous mentionne dans une note \(Marie Dupont\)/ });
    await notice.waitFor();
    expect(await paul.evaluate('window.__desktopNotifications')).toEqual([
      expect.stringMatching(/vous mentionne dans une note \(Marie Dupont\)$/),
    ]);
    expect(await seriousAccessibilityViolations(paul)).toEqual([]);
    await notice.click();
    await paul.getByRole('heading', { level: 1, name: /^Demande AIG-/ }).waitFor();
    await titleOf(paul, (title) => !title.startsWith('('));
  });

  it('gives a request to a colleague chosen by name, with the requests each already holds', async () => {
    const [, , third] = await ticketIds();
    await openTicket(marie, third);
    const select = marie.getByLabel('Attribuer à');
    await expect(select.locator('option').allTextContents()).resolves.toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Marie Dupont \(vous\) — 1 en cours$/),
        expect.stringMatching(/^Paul Martin — 1 en cours$/),
        expect.stringMatching(/^Sophie Chef — 0 en cours$/),
      ]),
    );
    await select.selectOption({ label: 'Paul Martin — 1 en cours' });
    await marie.getByRole('button', { name: 'Attribuer', exact: true }).click();
    await marie.getByText('Demande attribuée à Paul Martin.').waitFor();
    await marie.locator('.ticket-summary', { hasText: 'Paul Martin' }).waitFor();
    await expect(marie.getByRole('region', { name: 'Historique' }).textContent()).resolves.toContain('à Paul Martin (vous)');
    await paul.getByRole('button', { name: 'Notifications (1 non lue)' }).waitFor();
  });

  it('shows an image attachment, and a PDF drawn as images, in frames sandboxed without scripts', async () => {
    const ticket = (await TicketModel.findOne({ queue: 'etat-civil', reference: { $exists: true } }).sort({ receivedAt: -1 }))!;
    await openTicket(marie, ticket.id);
    await marie.getByRole('button', { name: 'Aperçu de identite.png' }).click();
    const frame = marie.locator('iframe.attachment-frame');
    await frame.waitFor();
    expect(await frame.getAttribute('sandbox')).toBe('');
    await expect(frame.contentFrame().locator('img').getAttribute('src')).resolves.toMatch(/^data:image\/png;base64,/);
    await marie.getByRole('button', { name: 'Aperçu de livret.pdf' }).click();
    const pdfFrame = marie.locator('iframe[title="Aperçu de livret.pdf"]');
    await pdfFrame.waitFor();
    expect(await pdfFrame.getAttribute('sandbox')).toBe('');
    const page = pdfFrame.contentFrame().locator('img');
    await expect(page.count()).resolves.toBe(1);
    await expect(page.getAttribute('src')).resolves.toMatch(/^data:image\/png;base64,/);
    expect(await seriousAccessibilityViolations(marie)).toEqual([]);
  });

  it('lists the shortcuts on « ? » and opens the next request on « n »', async () => {
    const [first, second] = await ticketIds();
    await openTicket(marie, first);
    await marie.locator('h1').click();
    await marie.keyboard.press('?');
    const help = marie.getByRole('dialog', { name: 'Raccourcis clavier' });
    await help.waitFor();
    await expect(help.getByRole('row').allTextContents()).resolves.toEqual(
      expect.arrayContaining([
        'tPrendre en charge la demande',
        'rÉcrire la réponse à l’usager',
        'sChanger le statut',
        'nOuvrir la demande suivante de la liste',
      ]),
    );
    expect(await seriousAccessibilityViolations(marie)).toEqual([]);
    await marie.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });
    await marie.keyboard.press('n');
    await marie.waitForURL(`**/#/demandes/${second}`);
    await marie.getByRole('heading', { level: 1, name: `Demande ${(await TicketModel.findById(second))!.reference}` }).waitFor();
    // Typed in a field, the same letters are text.
    await marie.getByLabel('Votre réponse').press('n');
    expect(marie.url()).toContain(second);
  });

  it('takes down a request for a citizen on the phone, which gets its reference at once and its queue by the same rules', async () => {
    await marie.goto(`${application.url}/#/demandes`);
    await marie.getByRole('link', { name: 'Nouvelle demande', exact: true }).click();
    await marie.getByRole('heading', { level: 1, name: 'Nouvelle demande (téléphone ou guichet)' }).waitFor();
    expect(await seriousAccessibilityViolations(marie)).toEqual([]);
    await marie.getByLabel('Reçue').selectOption('telephone');
    await marie.getByLabel('Nom du demandeur').fill('Jean Dupuis');
    await marie.getByLabel('Téléphone du demandeur').fill('06 11 22 33 44');
    await marie
      .getByLabel('Ce que demande l’usager')
      .fill('Il voudrait une copie intégrale de son acte de naissance pour refaire sa carte d’identité.');
    await marie.getByRole('button', { name: 'Enregistrer la demande' }).click();
    const saved = marie.getByText(/^Demande enregistrée sous la référence AIG-\d{4}-\d{6}/);
    await saved.waitFor();
    const reference = /AIG-\d{4}-\d{6}/.exec((await saved.textContent())!)![0];
    expect(await marie.getByLabel('Nom du demandeur').inputValue()).toBe('');
    await application.worker.idle();
    const ticket = (await TicketModel.findOne({ reference }))!;
    expect(ticket.queue).toBe('etat-civil');
    await marie.goto(`${application.url}/#/demandes/${ticket.id}`);
    await marie.getByRole('heading', { level: 1, name: `Demande ${reference}` }).waitFor();
    await expect(marie.getByRole('region', { name: 'Message de l’usager' }).textContent()).resolves.toContain('Téléphone');
  });

  it('lets a supervisor write a canned response with variables and a status, and a service’s signature', async () => {
    const sophie = await agentPage('sophie');
    await sophie.getByRole('link', { name: 'Réponses types', exact: true }).click();
    await sophie.getByRole('heading', { level: 1, name: 'Réponses types et signatures' }).waitFor();
    await sophie.getByText('Pièces manquantes', { exact: true }).waitFor();
    const form = sophie.getByRole('form', { name: 'Nouvelle réponse type' });
    await form.getByLabel('Service').selectOption({ label: 'État civil' });
    await form.getByLabel('Titre').fill('Acte envoyé');
    await form.getByLabel('Texte', { exact: true }).fill('Bonjour {{nom}}, votre acte part aujourd’hui par courrier.');
    await form.getByLabel('À l’envoi, statut de la demande').selectOption({ label: 'Résolu' });
    await form.getByRole('button', { name: 'Ajouter la réponse type' }).click();
    await sophie.getByText(/Acte envoyé — État civil \(à l’envoi : statut « Résolu »\)/).waitFor();
    expect(await seriousAccessibilityViolations(sophie)).toEqual([]);

    await form.getByLabel('Texte', { exact: true }).fill('Bonjour {{prenom}}');
    await form.getByLabel('Titre').fill('Faute');
    await form.getByRole('button', { name: 'Ajouter la réponse type' }).click();
    await form.getByText(/Variable inconnue : \{\{prenom\}\}/).waitFor();

    const signature = sophie.getByLabel('Signature du service État civil');
    expect(await signature.inputValue()).toBe('Le service de l’état civil de la mairie');
    await signature.fill('L’état civil de la mairie, 01 23 45 67 89');
    await sophie.getByRole('form', { name: 'État civil' }).getByRole('button', { name: 'Enregistrer la signature' }).click();
    await sophie.getByText('Signature du service État civil enregistrée.').waitFor({ state: 'attached' });
    const { body } = await api().get('/api/reply-settings').set(as('sophie')).expect(200);
    expect(body.signatures.find((entry: { queue: string }) => entry.queue === 'etat-civil').signature).toBe(
      'L’état civil de la mairie, 01 23 45 67 89',
    );
  });
});
