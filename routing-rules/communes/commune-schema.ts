import { z } from 'zod';

import { holidayCalendars } from '../public-holidays';

export { inseeCodeSchema, type InseeCode } from './insee-code';

/** An EPCI's SIREN number. */
export const sirenSchema = z
  .string()
  .trim()
  .regex(/^\d{9}$/, "Le numéro SIREN de l'EPCI compte neuf chiffres.");

/** Which public holidays close a commune (routing-rules/public-holidays). */
export const holidayCalendarSchema = z.enum(holidayCalendars, { error: 'Calendrier des jours fériés inconnu.' });

const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'heure attendue au format HH:MM');
const openingSlot = z
  .strictObject({ start: timeOfDay, end: timeOfDay })
  .refine((slot) => slot.start < slot.end, { message: "l'heure de fermeture doit suivre l'heure d'ouverture" });
const weekdayNames = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

/** Opening slots per weekday (a working schedule's `week`): what "out of hours" and working-time SLAs count from. */
export const openingHoursSchema = z.partialRecord(z.enum(weekdayNames), z.array(openingSlot).max(6));
export type OpeningHours = z.infer<typeof openingHoursSchema>;

/** A commune's own retention rule: the service's policy rule shape (server/privacy/retention-policy), checked first. */
export const retentionOverrideSchema = z.strictObject({
  queue: z.string().min(1),
  intent: z.string().min(1).optional(),
  days: z.number().int().positive(),
  action: z.enum(['anonymise', 'delete']),
  legalBasis: z.string().trim().min(10, 'Indiquez la base légale de cette durée (10 caractères au moins).'),
});
export type RetentionOverride = z.infer<typeof retentionOverrideSchema>;

export const communeMailboxSchema = z.strictObject({
  host: z.string().trim().min(1),
  port: z.number().int().min(1).max(65535).default(993),
  tls: z.boolean().default(true),
  user: z.string().trim().min(1),
  password: z.string().min(1).optional(),
  oauth2Token: z.string().min(1).optional(),
  folder: z.string().min(1).default('INBOX'),
  processedFolder: z.string().min(1).optional(),
});
export type CommuneMailbox = z.infer<typeof communeMailboxSchema>;

/** Everything that describes a commune to the service, as an administrator of its EPCI writes it. */
export const communeSettingsSchema = z.strictObject({
  name: z.string().trim().min(1, 'Le nom de la commune est obligatoire.').max(120),
  epci: sirenSchema.nullable().default(null),
  active: z.boolean().default(true),
  timeZone: z.string().refine((zone) => {
    try {
      new Intl.DateTimeFormat('fr-FR', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'Fuseau horaire inconnu (par exemple Europe/Paris ou Indian/Reunion).'),
  holidayCalendar: holidayCalendarSchema,
  openingHours: openingHoursSchema,
  inboxAddresses: z.array(z.email('Adresse de réception invalide.').toLowerCase()).max(20).default([]),
  acknowledgementSignature: z.string().trim().max(1000).default(''),
  retentionOverrides: z.array(retentionOverrideSchema).max(100).default([]),
  mailbox: communeMailboxSchema.nullable().default(null),
});
export type CommuneSettings = z.infer<typeof communeSettingsSchema>;
export type Commune = CommuneSettings & { insee: string };
