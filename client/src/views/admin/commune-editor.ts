import type { Commune, CommuneMailbox, CommuneSettings } from '../../../../routing-rules/communes/commune-schema';
import type { HolidayCalendar } from '../../../../routing-rules/public-holidays';
import { actionForm, labelled } from '../../dom/action-form';
import { h, uniqueId } from '../../dom/element';
import { frenchTimeZones, holidayCalendarLabels } from '../../labels/commune-labels';
import { openingHoursField } from './opening-hours-field';
import { retentionOverridesField } from './retention-overrides-field';

/** A commune's settings as GET /api/communes/settings sends them: the mailbox's secrets left out, only whether set. */
export type CommuneMailboxView = Omit<CommuneMailbox, 'password' | 'oauth2Token'> & { hasPassword: boolean; hasOauth2Token: boolean };
export type CommuneSettingsView = Omit<Commune, 'mailbox'> & { mailbox: CommuneMailboxView | null };

export interface CommuneEditorOptions {
  /** The commune shown, or null for a new one (the EPCI's admin adds communes). */
  commune: CommuneSettingsView | null;
  /** Only the EPCI's admin changes which EPCI a commune belongs to (the server refuses anyone else). */
  changesEpci: boolean;
  /** The EPCI a new commune joins unless the admin says otherwise. */
  defaultEpci: string | null;
  save(insee: string, settings: CommuneSettings): Promise<void>;
}

/** The form of one commune's settings; the server's refusal (French, 4xx) is shown under it. */
export function communeEditor(options: CommuneEditorOptions): HTMLFormElement {
  const { commune } = options;
  const insee = h('input', { type: 'text', name: 'insee', required: true, autocomplete: 'off', maxlength: 5 });
  const name = h('input', { type: 'text', name: 'name', required: true, autocomplete: 'off', value: commune?.name ?? '' });
  const epci = h('input', {
    type: 'text',
    name: 'epci',
    autocomplete: 'off',
    value: commune ? (commune.epci ?? '') : (options.defaultEpci ?? ''),
  });
  const activeBox = h('input', { type: 'checkbox', name: 'active', checked: commune?.active ?? true, id: uniqueId('active') });
  const zone = commune?.timeZone ?? 'Europe/Paris';
  const zones = frenchTimeZones.some((entry) => entry.zone === zone) ? frenchTimeZones : [...frenchTimeZones, { zone, label: zone }];
  const timeZone = h(
    'select',
    { name: 'timeZone', value: zone },
    zones.map((entry) => h('option', { value: entry.zone }, entry.label)),
  );
  const holidayCalendar = h(
    'select',
    { name: 'holidayCalendar', value: commune?.holidayCalendar ?? 'metropole' },
    (Object.entries(holidayCalendarLabels) as Array<[HolidayCalendar, string]>).map(([calendar, label]) =>
      h('option', { value: calendar }, label),
    ),
  );
  const openingHours = openingHoursField(commune?.openingHours ?? {});
  const inboxAddresses = h('textarea', { name: 'inboxAddresses', rows: 3 });
  inboxAddresses.value = (commune?.inboxAddresses ?? []).join('\n');
  const signature = h('textarea', { name: 'acknowledgementSignature', rows: 3, maxlength: 1000 });
  signature.value = commune?.acknowledgementSignature ?? '';
  const retention = retentionOverridesField(commune?.retentionOverrides ?? []);
  const mailbox = mailboxFields(commune?.mailbox ?? null);

  return actionForm({
    title: commune ? `Réglages de ${commune.name}` : 'Nouvelle commune',
    headingLevel: 'h2',
    fields: [
      commune ? null : labelled('Code INSEE', insee, 'Cinq caractères, par exemple 67348 ou 2A004.'),
      labelled('Nom de la commune', name),
      options.changesEpci
        ? labelled('EPCI (numéro SIREN)', epci, 'Neuf chiffres ; laissez vide pour une commune hors EPCI.')
        : h('p', {}, `EPCI (numéro SIREN) : ${commune?.epci ?? 'aucun'}`),
      h('label', { class: 'checkbox', for: activeBox.id }, activeBox, 'Commune active (elle reçoit des demandes)'),
      labelled('Fuseau horaire', timeZone, 'Les échéances, les horaires et les dates affichées suivent ce fuseau.'),
      labelled('Calendrier des jours fériés', holidayCalendar),
      openingHours.element,
      labelled(
        'Adresses de réception',
        inboxAddresses,
        'Une adresse par ligne : un courriel reçu à l’une d’elles est une demande pour cette commune.',
      ),
      labelled('Signature de l’accusé de réception', signature),
      retention.element,
      mailbox.element,
    ],
    submitLabel: commune ? 'Enregistrer' : 'Ajouter la commune',
    submitClass: 'button button-primary',
    run: async () => {
      const settings: CommuneSettings = {
        name: name.value,
        epci: options.changesEpci ? epci.value.trim() || null : (commune?.epci ?? null),
        active: activeBox.checked,
        timeZone: timeZone.value,
        holidayCalendar: holidayCalendar.value as HolidayCalendar,
        openingHours: openingHours.value(),
        inboxAddresses: inboxAddresses.value
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean),
        acknowledgementSignature: signature.value,
        retentionOverrides: retention.value(),
        mailbox: mailbox.value(),
      };
      await options.save(commune?.insee ?? insee.value.trim(), settings);
    },
  });
}

/** The commune's own IMAP mailbox; a password set before is never shown, and kept when the field is left empty. */
function mailboxFields(mailbox: CommuneMailboxView | null): { element: HTMLElement; value(): CommuneMailbox | null } {
  const host = h('input', { type: 'text', name: 'mailbox.host', autocomplete: 'off', value: mailbox?.host ?? '' });
  const port = h('input', { type: 'number', name: 'mailbox.port', min: 1, max: 65535, value: String(mailbox?.port ?? 993) });
  const tls = h('input', { type: 'checkbox', name: 'mailbox.tls', checked: mailbox?.tls ?? true, id: uniqueId('tls') });
  const user = h('input', { type: 'text', name: 'mailbox.user', autocomplete: 'off', value: mailbox?.user ?? '' });
  const password = h('input', {
    type: 'password',
    name: 'mailbox.password',
    autocomplete: 'new-password',
    placeholder: mailbox?.hasPassword ? 'inchangé' : '',
  });
  const folder = h('input', { type: 'text', name: 'mailbox.folder', autocomplete: 'off', value: mailbox?.folder ?? 'INBOX' });
  return {
    element: h(
      'fieldset',
      { class: 'condition-group' },
      h('legend', {}, 'Boîte aux lettres IMAP de la commune'),
      h('p', { class: 'hint' }, 'Laissez le serveur vide si la commune n’a pas de boîte à relever.'),
      labelled('Serveur IMAP', host),
      labelled('Port', port),
      h('label', { class: 'checkbox', for: tls.id }, tls, 'Connexion chiffrée (TLS)'),
      labelled('Identifiant', user),
      labelled(
        'Mot de passe',
        password,
        mailbox?.hasPassword ? 'Mot de passe enregistré : inchangé si ce champ reste vide.' : 'Aucun mot de passe enregistré.',
      ),
      labelled('Dossier relevé', folder),
    ),
    value() {
      if (!host.value.trim()) return null;
      return {
        host: host.value,
        port: Number(port.value),
        tls: tls.checked,
        user: user.value,
        folder: folder.value,
        ...(password.value ? { password: password.value } : {}),
        ...(mailbox?.processedFolder ? { processedFolder: mailbox.processedFolder } : {}),
      };
    },
  };
}
