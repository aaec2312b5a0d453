import express, { Router } from 'express';
import { z } from 'zod';

import { recordAuditEvent } from '../../../models/audit/audit-event-repository';
import { saveCommune } from '../../../models/communes/commune-repository';
import { communeSettingsSchema, inseeCodeSchema, type Commune, type CommuneMailbox } from '../../../routing-rules/communes/commune-schema';
import type { TicketViewer } from '../../../tickets/ticket-visibility';
import { duties } from '../../auth/duties';
import type { CommuneDirectory } from '../../communes/commune-directory';
import type { ApiOperationGroup } from '../api-docs/api-operation';
import { currentUser, requireRole, requireUser } from '../authenticate';
import { HttpError } from '../http-error';
import { parseInput } from '../parse-input';

const communeListSchema = z.object({ communes: z.array(z.object({ insee: z.string(), name: z.string() })) });

export interface CommuneAdministration {
  directory: Pick<CommuneDirectory, 'list' | 'get' | 'load'>;
  /** The communes whose settings an admin may read and write, and whether new ones (the EPCI's admin). */
  settingsScopeOf: (viewer: TicketViewer) => { communes: string[]; serviceWide: boolean };
}

/** A commune's settings as an admin reads them: the mailbox's secrets are never sent back, only whether they are set. */
function settingsView(commune: Commune) {
  const { mailbox, ...settings } = commune;
  return {
    ...settings,
    mailbox: mailbox
      ? {
          ...mailbox,
          password: undefined,
          oauth2Token: undefined,
          hasPassword: Boolean(mailbox.password),
          hasOauth2Token: Boolean(mailbox.oauth2Token),
        }
      : null,
  };
}

/**
 * An unchanged secret is sent back empty: the stored one is kept, but only for the connection it was given for.
 * Sent to another server or account, or over a connection no longer encrypted, it would hand the commune's
 * password to whoever runs that server: a changed connection needs its own.
 */
function withStoredSecrets(sent: CommuneMailbox, stored: CommuneMailbox | null): CommuneMailbox {
  if (!stored) return sent;
  const sameConnection =
    sent.host.toLowerCase() === stored.host.toLowerCase() &&
    sent.port === stored.port &&
    sent.user === stored.user &&
    (sent.tls || !stored.tls);
  if (sameConnection) return { ...sent, password: sent.password ?? stored.password, oauth2Token: sent.oauth2Token ?? stored.oauth2Token };
  if (sent.password || sent.oauth2Token || (!stored.password && !stored.oauth2Token)) return sent;
  const message =
    "Le serveur, le port, l'identifiant ou le chiffrement de la boîte IMAP a changé : saisissez son mot de passe (celui enregistré ne sert qu'à la connexion pour laquelle il a été donné).";
  throw new HttpError(400, message, [{ field: 'mailbox.password', message }]);
}

/**
 * The active communes for form integrations (public: names and codes only), and the communes' settings for the
 * admins: a commune's admin reads and changes their commune's; the EPCI's admin every commune's, and adds communes.
 * Every change is audited (fields changed, never the mailbox's secrets) and in force at once in this instance.
 */
export function communeRoutes(administration: CommuneAdministration): Router {
  const { directory, settingsScopeOf } = administration;
  const router = Router();
  router.get('/api/communes', (_request, response) => {
    const active = directory.list().filter((commune) => commune.active);
    response.json(communeListSchema.parse({ communes: active.map((commune) => ({ insee: commune.insee, name: commune.name })) }));
  });

  // The levels a settings screen offers (see routing-rules/communes/setting-levels): the service's, which every
  // commune inherits, and each commune of the user's; a service of one commune has the service's level only.
  router.get('/api/communes/levels', requireUser, requireRole(...duties.communeFacts), (_request, response) => {
    const scope = settingsScopeOf(currentUser(response));
    const communes = directory.list();
    const own = communes.length <= 1 ? [] : communes.filter((commune) => scope.communes.includes(commune.insee));
    response.json({
      levels: [
        { commune: null, name: 'Tout le service (EPCI)', changes: scope.serviceWide },
        ...own.map((commune) => ({ commune: commune.insee, name: commune.name, changes: true })),
      ],
    });
  });

  router.use('/api/communes/settings', requireUser, requireRole(...duties.accounts), express.json({ limit: '64kb' }));
  router.get('/api/communes/settings', (_request, response) => {
    const { communes } = settingsScopeOf(currentUser(response));
    response.json({
      communes: directory
        .list()
        .filter((commune) => communes.includes(commune.insee))
        .map(settingsView),
    });
  });

  router.put('/api/communes/settings/:insee', async (request, response) => {
    const insee = parseInput(inseeCodeSchema, request.params.insee, 'Code INSEE');
    const settings = parseInput(communeSettingsSchema, request.body, 'Commune');
    const admin = currentUser(response);
    const scope = settingsScopeOf(admin);
    const before = directory.get(insee);
    if (before ? !scope.communes.includes(insee) : !scope.serviceWide)
      throw new HttpError(404, `Commune ${insee} introuvable parmi les vôtres.`);
    if (!scope.serviceWide && settings.epci !== before?.epci)
      throw new HttpError(403, "Le rattachement d'une commune à son EPCI est l'affaire de l'EPCI.");
    const mailbox = settings.mailbox ? withStoredSecrets(settings.mailbox, before?.mailbox ?? null) : null;
    const saved = await saveCommune(insee, { ...settings, mailbox });
    await directory.load();
    const fields = Object.keys(settings) as Array<keyof typeof settings>;
    const changed = before ? fields.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(saved[field])) : ['created'];
    await recordAuditEvent({
      actor: admin,
      action: 'commune.settings-changed',
      objectType: 'Commune',
      objectId: insee,
      commune: insee,
      details: { changed },
    });
    response.status(before ? 200 : 201).json({ commune: settingsView(saved) });
  });
  return router;
}

export const communeOperations: ApiOperationGroup = {
  tag: 'Communes',
  operations: [
    {
      method: 'GET',
      path: '/api/communes',
      summary: 'The communes this service receives requests for (INSEE code and name), for form integrations',
    },
    {
      method: 'GET',
      path: '/api/communes/levels',
      summary: "The levels whose settings the user reads on the settings screens (the service's, their communes') and may change",
    },
    { method: 'GET', path: '/api/communes/settings', summary: "The settings of the admin's communes (mailbox secrets left out)" },
    {
      method: 'PUT',
      path: '/api/communes/settings/:insee',
      summary: "Create or change a commune's settings (the EPCI's admin creates communes)",
      body: communeSettingsSchema,
    },
  ],
};
