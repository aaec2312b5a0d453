import express, { Router } from 'express';
import { z } from 'zod';

import { deleteStoredMailTemplate, saveMailTemplate } from '../../../models/mail/mail-template-repository';
import { duties } from '../../auth/duties';
import { defaultMailTemplate, mailTemplateVariables, type MailTemplateDefinition } from '../../mail/templates/default-mail-templates';
import { effectiveMailTemplate, listEffectiveMailTemplates, type EffectiveMailTemplate } from '../../mail/templates/mail-template-catalog';
import { mailTemplateProblems, renderMailTemplate } from '../../mail/templates/render-mail-template';
import type { ApiOperationGroup } from '../api-docs/api-operation';
import { currentUser, requireRole, requireUser } from '../authenticate';
import { HttpError } from '../http-error';
import { parseInput } from '../parse-input';

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

/** The citizen-facing mail templates: supervisors edit them; deleting a version goes back to the shipped one. */
export function mailTemplateRoutes(): Router {
  const router = Router();
  router.use('/api/mail-templates', requireUser, requireRole(...duties.steering));

  router.get('/api/mail-templates', async (_request, response) => {
    response.json({ templates: (await listEffectiveMailTemplates()).map(templateView) });
  });

  router.get('/api/mail-templates/:id', async (request, response) => {
    const definition = knownTemplate(request.params.id as string);
    response.json({
      template: templateView(await effectiveMailTemplate(definition.id)),
      default: { subject: definition.subject, body: definition.body },
    });
  });

  router.put('/api/mail-templates/:id', express.json({ limit: '64kb' }), async (request, response) => {
    const definition = knownTemplate(request.params.id as string);
    const template = parseInput(templateSchema, request.body, 'Modèle');
    const problems = mailTemplateProblems(definition, template);
    if (problems.length > 0)
      throw new HttpError(
        400,
        `Modèle invalide : ${problems.join(' ')}`,
        problems.map((message) => ({ field: 'modele', message })),
      );
    await saveMailTemplate(definition.id, template, currentUser(response)._id);
    response.json({ template: templateView(await effectiveMailTemplate(definition.id)) });
  });

  router.delete('/api/mail-templates/:id', async (request, response) => {
    const definition = knownTemplate(request.params.id as string);
    await deleteStoredMailTemplate(definition.id);
    response.json({ template: templateView(await effectiveMailTemplate(definition.id)) });
  });

  router.post('/api/mail-templates/:id/preview', express.json({ limit: '64kb' }), async (request, response) => {
    const definition = knownTemplate(request.params.id as string);
    const template =
      request.body && Object.keys(request.body).length > 0
        ? parseInput(templateSchema, request.body, 'Modèle')
        : await effectiveMailTemplate(definition.id);
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
    customised: template.customised,
    updatedAt: template.updatedAt?.toISOString() ?? null,
    variables: template.variables.map((name) => ({ name, description: mailTemplateVariables[name] })),
  };
}

export const mailTemplateOperations: ApiOperationGroup = {
  tag: 'Mail templates',
  operations: [
    { method: 'GET', path: '/api/mail-templates', summary: 'Mail templates sent to citizens, as in force' },
    { method: 'GET', path: '/api/mail-templates/:id', summary: 'One template, in force and as shipped' },
    { method: 'PUT', path: '/api/mail-templates/:id', summary: 'Change a template', body: templateSchema },
    { method: 'DELETE', path: '/api/mail-templates/:id', summary: 'Go back to the shipped template' },
    {
      method: 'POST',
      path: '/api/mail-templates/:id/preview',
      summary: 'Render a template (the one sent, or the one in force) with sample values',
      body: templateSchema.optional(),
    },
  ],
};
