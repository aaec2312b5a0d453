import type { Browser, Page } from 'playwright-core';
import request from 'supertest';

import type { RunningApplication } from '../../server/application';
import { addEpciCommunes, createScopedUser, epciSiren, obernai, signedInFor } from '../communes/commune-test-kit';
import { startTestApplication } from '../support/test-application';
import { ensureClientBuilt, launchBrowser, seriousAccessibilityViolations } from './support/browser';
import { signedInStaffPage } from './support/staff-browser';

jest.setTimeout(60_000);

describe("a commune's supervisor's mails and canned responses in the browser: their commune's own beside the service's", () => {
  let application: RunningApplication;
  let browser: Browser;
  let page: Page;
  let pageProblems: string[] = [];
  let epci: string;

  beforeAll(async () => {
    ensureClientBuilt();
    [{ application }, browser] = await Promise.all([startTestApplication(), launchBrowser()]);
    await addEpciCommunes(application);
    epci = await signedInFor(application, 'supervisor', { epci: epciSiren });
    await request(application.url)
      .post('/api/canned-responses')
      .set({ Authorization: `Bearer ${epci}` })
      .send({ queue: 'etat-civil', title: 'Acte envoyé', body: 'Bonjour {{nom}}, votre acte est parti.' })
      .expect(201);
    await request(application.url)
      .put('/api/mail-templates/accuse-reception')
      .set({ Authorization: `Bearer ${epci}` })
      .send({ subject: 'Demande reçue', body: 'Le service intercommunal a bien reçu votre demande {{reference}}.' })
      .expect(200);
    ({ page, problems: pageProblems } = await signedInStaffPage(
      browser,
      application.url,
      await createScopedUser('supervisor', { communes: [obernai.insee] }),
    ));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await application?.stop();
  });

  it("shows the service's response as the service's, not to be changed, and adds one of Obernai's own", async () => {
    await page.getByRole('link', { name: 'Réponses types', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Réponses types et signatures' }).waitFor();
    const list = page.getByRole('list').filter({ hasText: 'Acte envoyé' });
    await list.getByText('Celui du service (EPCI), pour toutes les communes').waitFor();
    await expect(list.getByRole('button', { name: 'Modifier « Acte envoyé »' }).count()).resolves.toBe(0);

    const form = page.getByRole('form', { name: 'Nouvelle réponse type' });
    await form.getByLabel('Service').selectOption({ label: 'État civil' });
    await form.getByLabel('Titre').fill('Acte envoyé par Obernai');
    await form.getByLabel('Texte', { exact: true }).fill('Bonjour {{nom}}, la mairie d’Obernai vous a envoyé votre acte.');
    await form.getByRole('button', { name: 'Ajouter la réponse type' }).click();
    const own = page.getByRole('listitem').filter({ hasText: 'Acte envoyé par Obernai' });
    await own.getByText('Propre à la commune Obernai').waitFor();
    await own.getByRole('button', { name: 'Modifier « Acte envoyé par Obernai »' }).waitFor();
    const { body } = await request(application.url)
      .get('/api/reply-settings')
      .set({ Authorization: `Bearer ${epci}` })
      .expect(200);
    expect(body.cannedResponses).toEqual(
      expect.arrayContaining([expect.objectContaining({ title: 'Acte envoyé par Obernai', commune: obernai.insee, level: 'commune' })]),
    );
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(pageProblems).toEqual([]);
  });

  it("writes Obernai's own acknowledgement over the service's, and gives it back", async () => {
    await page.getByRole('link', { name: 'Courriels aux usagers' }).click();
    await page.getByRole('heading', { level: 1, name: 'Courriels aux usagers' }).waitFor();
    await expect(page.getByLabel('Niveau des réglages').locator('option:checked').textContent()).resolves.toBe('Obernai');
    const form = page.getByRole('form', { name: 'Accusé de réception', exact: true });
    await form.getByText('Provenance : Celui du service (EPCI), pour toutes les communes.').waitFor();
    await expect(form.getByLabel('Texte', { exact: true }).inputValue()).resolves.toContain('Le service intercommunal');
    await form.getByLabel('Objet').fill('Demande reçue à Obernai');
    await form.getByLabel('Texte', { exact: true }).fill('La mairie d’Obernai a bien reçu votre demande {{reference}}.');
    await form.getByRole('button', { name: 'Enregistrer « Accusé de réception »' }).click();
    await page
      .getByRole('form', { name: 'Accusé de réception', exact: true })
      .getByText('Provenance : Propre à la commune Obernai.')
      .waitFor();
    const { body } = await request(application.url)
      .get(`/api/mail-templates/accuse-reception?commune=${obernai.insee}`)
      .set({ Authorization: `Bearer ${epci}` })
      .expect(200);
    expect(body.template).toMatchObject({ level: 'commune', subject: 'Demande reçue à Obernai' });
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Reprendre le modèle du service : « Accusé de réception »' }).click();
    await page
      .getByRole('form', { name: 'Accusé de réception', exact: true })
      .getByText('Provenance : Celui du service (EPCI), pour toutes les communes.')
      .waitFor();

    // The service's level, which only the EPCI changes: read, not edited.
    await page.getByLabel('Niveau des réglages').selectOption({ label: 'Tout le service (EPCI)' });
    const serviceLevel = page.getByRole('region', { name: 'Accusé de réception', exact: true });
    await serviceLevel.getByText('Le service intercommunal a bien reçu votre demande {{reference}}.').waitFor();
    await serviceLevel.getByText('Vous les consultez ; seul l’EPCI les modifie.').waitFor();
    await expect(page.getByRole('form', { name: 'Accusé de réception', exact: true }).count()).resolves.toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(pageProblems).toEqual([]);
  });
});
