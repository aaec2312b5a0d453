import express, { Router } from 'express';
import { z } from 'zod';

import { recordAuditEvent } from '../../../models/audit/audit-event-repository';
import { deleteStoredMailTemplate, saveMailTemplate } from '../../../models/mail/mail-template-repository';
import type { TicketViewer } from '../../../tickets/ticket-visibility';
import { duties } from '../../auth/duties';
import type { SettingsScope } from '../../communes/setting-level-access';
import { defaultMailTemplate, mailTemplateVariables, type MailTemplateDefinition } from '../../mail/templates/default-mail-templates';
import { effectiveMailTemplate, listEffectiveMailTemplates, type EffectiveMailTemplate } from '../../mail/templates/mail-template-catalog';
import { mailTemplateProblems, renderMailTemplate } from '../../mail/templates/render-mail-template';
import type { ApiOperationGroup } from '../api-docs/api-operation';
import { currentUser, requireRole, requireUser } from '../authenticate';
import { HttpError } from '../http-error';
import { parseInput } from '../parse-input';
import { settingLevelOf, settingLevelQuery } from '../setting-level-request';

const templateSchema = z.strictObject({
  subject: z.string().trim().min(1, "L'objet est obligatoire.").max(300, "L'objet ne doit pas dépasser 300 caractères."),
  body: z.string().trim().min(1, 'Le texte est obligatoire.').max(20_000, 'Le texte ne doit pas dépasser 20 000 caractères.'),
});

/** Example values for previews, so that a supervisor sees the mail as a citizen would. */
const sampleValues = {
  nom: 'Claire Martin',
  reference: 'AIG-2026-000123',
  objet: "Demande d'acte de naissance",
  file: 'État civil',
  delai: 'd’ici le mardi 3 mars 2026',
  horaires: 'du lundi au vendredi, de 8 h 30 à 12 h et de 13 h 30 à 17 h 30',
  piecesRefusees:
    "Attention, une pièce jointe n'a pas été acceptée :\n- « facture.exe » : Type de fichier refusé pour des raisons de sécurité.",
  lienSatisfaction:
    'Quelle note donnez-vous au traitement de votre demande ? Un clic suffit :\n  1 – Très insatisfait : https://…\n  …\n  5 – Très satisfait : https://…',
  message: 'Votre acte de naissance vous a été envoyé par courrier ce jour.',
  signature: 'Le service de l’état civil',
};

/**
 * The citizen-facing mail templates: supervisors edit them at the service's level (every commune's unless it has
 * its own) or, with `?commune=INSEE`, at a commune's; deleting a version goes back to the level above (a commune's
 * to the service's, the service's to the shipped one). Each answer says the `level` the version in force comes from.
 */
export function mailTemplateRoutes(settingsScopeOf: (viewer: TicketViewer) => SettingsScope): Router {
  const router = Router();
  router.use('/api/mail-templates', requireUser, requireRole(...duties.steering));
  const levelOf = (request: express.Request, response: express.Response, access: 'read' | 'change') =>
    settingLevelOf(request, response, settingsScopeOf, access);

  router.get('/api/mail-templates', async (request, response) => {
    const commune = levelOf(request, response, 'read');
    response.json({ commune, templates: (await listEffectiveMailTemplates(commune)).map(templateView) });
  });

  router.get('/api/mail-templates/:id', async (request, response) => {
    const definition = knownTemplate(request.params.id as string);
    const commune = levelOf(request, response, 'read');
    response.json({
      commune,
      template: templateView(await effectiveMailTemplate(definition.id, commune)),
      default: { subject: definition.subject, body: definition.body },
    });
  });

  router.put('/api/mail-templates/:id', express.json({ limit: '64kb' }), async (request, response) => {
    const definition = knownTemplate(request.params.id as string);
    const commune = levelOf(request, response, 'change');
    const template = parseInput(templateSchema, request.body, 'Modèle');
    const problems = mailTemplateProblems(definition, template);
    if (problems.length > 0)
      throw new HttpError(
        400,
        `Modèle invalide : ${problems.join(' ')}`,
        problems.map((message) => ({ field: 'modele', message })),
      );
    await saveMailTemplate(definition.id, commune, template, currentUser(response)._id);
    await recordAuditEvent({
      actor: currentUser(response),
      action: 'mail-template.changed',
      objectType: 'MailTemplate',
      objectId: definition.id,
      commune,
      details: { subject: template.subject },
    });
    response.json({ commune, template: templateView(await effectiveMailTemplate(definition.id, commune)) });
  });

  router.delete('/api/mail-templates/:id', async (request, response) => {
    const definition = knownTemplate(request.params.id as string);
    const commune = levelOf(request, response, 'change');
    if (await deleteStoredMailTemplate(definition.id, commune))
      await recordAuditEvent({
        actor: currentUser(response),
        action: 'mail-template.reset',
        objectType: 'MailTemplate',
        objectId: definition.id,
        commune,
      });
    response.json({ commune, template: templateView(await effectiveMailTemplate(definition.id, commune)) });
  });

  router.post('/api/mail-templates/:id/preview', express.json({ limit: '64kb' }), async (request, response) => {
    const definition = knownTemplate(request.params.id as string);
    const commune = levelOf(request, response, 'read');
    const template =
      request.body && Object.keys(request.body).length > 0
        ? parseInput(templateSchema, request.body, 'Modèle')
        : await effectiveMailTemplate(definition.id, commune);
    const problems = mailTemplateProblems(definition, template);
    response.json({ preview: renderMailTemplate(template, sampleValues), problems });
  });
  return router;
}

function knownTemplate(id: string): MailTemplateDefinition {
  const definition = defaultMailTemplate(id);
  if (!definition) throw new HttpError(404, `Modèle « ${id} » introuvable.`);
  return definition;
}

function templateView(template: EffectiveMailTemplate) {
  return {
    id: template.id,
    label: template.label,
    subject: template.subject,
    body: template.body,
    level: template.level,
    customised: template.customised,
    updatedAt: template.updatedAt?.toISOString() ?? null,
    variables: template.variables.map((name) => ({ name, description: mailTemplateVariables[name] })),
  };
}

export const mailTemplateOperations: ApiOperationGroup = {
  tag: 'Mail templates',
  operations: [
    {
      method: 'GET',
      path: '/api/mail-templates',
      summary: "Mail templates sent to citizens, as in force at the service's level or a commune's",
      query: settingLevelQuery,
    },
    {
      method: 'GET',
      path: '/api/mail-templates/:id',
      summary: 'One template, in force at a level and as shipped',
      query: settingLevelQuery,
    },
    {
      method: 'PUT',
      path: '/api/mail-templates/:id',
      summary: "Change a template at the service's level or a commune's",
      query: settingLevelQuery,
      body: templateSchema,
    },
    {
      method: 'DELETE',
      path: '/api/mail-templates/:id',
      summary: "Go back to the level above (a commune's to the service's template, the service's to the shipped one)",
      query: settingLevelQuery,
    },
    {
      method: 'POST',
      path: '/api/mail-templates/:id/preview',
      summary: 'Render a template (the one sent, or the one in force at a level) with sample values',
      query: settingLevelQuery,
      body: templateSchema.optional(),
    },
  ],
};
