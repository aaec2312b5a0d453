import { townHallName } from '../../../routing-rules/communes/town-hall-name';
import { escapeHtml, publicPage } from './public-page';
import type { FormCommune } from './request-form-commune';

/** The public form's fields, as posted (the names the issue and a mairie's own forms use). */
export const requestFormFields = ['commune', 'subject', 'text', 'name', 'email', 'phone', 'attachments'] as const;
export type RequestFormField = (typeof requestFormFields)[number];

export interface FieldError {
  field: RequestFormField;
  message: string;
}

export interface RequestFormState {
  values: Partial<Record<Exclude<RequestFormField, 'attachments'>, string>>;
  errors: FieldError[];
  /** The commune the form is for, or the choice of one (formCommuneOf). */
  commune: FormCommune;
  /** A problem with the whole submission (too fast, sent twice with changes), shown above the fields. */
  notice?: string;
  /** The idempotency key of this showing of the form, and its signed start time. */
  formKey: string;
  startToken: string;
  limits: { maxAttachmentMegabytes: number; maxAttachments: number; maxTotalMegabytes: number };
}

interface FieldSpec {
  field: Exclude<RequestFormField, 'attachments' | 'commune'>;
  label: string;
  required?: boolean;
  hint?: string;
  input: 'text' | 'email' | 'tel' | 'textarea';
  autocomplete?: string;
  maxLength: number;
}

const fieldSpecs: readonly FieldSpec[] = [
  { field: 'name', label: 'Nom et prénom', required: true, input: 'text', autocomplete: 'name', maxLength: 200 },
  {
    field: 'email',
    label: 'Adresse e-mail',
    input: 'email',
    autocomplete: 'email',
    maxLength: 254,
    hint: 'Facultative, mais sans elle la mairie ne peut ni vous envoyer d’accusé de réception ni vous prévenir des suites. Format : nom@exemple.fr',
  },
  {
    field: 'phone',
    label: 'Téléphone',
    input: 'tel',
    autocomplete: 'tel',
    maxLength: 20,
    hint: 'Facultatif. Par exemple : 06 12 34 56 78',
  },
  {
    field: 'subject',
    label: 'Objet de votre demande',
    input: 'text',
    maxLength: 300,
    hint: 'Facultatif. En quelques mots, par exemple : copie d’acte de naissance',
  },
  {
    field: 'text',
    label: 'Votre demande',
    required: true,
    input: 'textarea',
    maxLength: 20_000,
    hint: 'Décrivez ce que vous demandez, avec les dates, adresses ou numéros de dossier utiles.',
  },
];

export const fieldId = (field: RequestFormField) => `champ-${field}`;

function describedBy(field: RequestFormField, hasHint: boolean, error: FieldError | undefined): string {
  const ids = [hasHint ? `${fieldId(field)}-aide` : null, error ? `${fieldId(field)}-erreur` : null].filter(Boolean);
  return ids.length > 0 ? ` aria-describedby="${ids.join(' ')}"` : '';
}

function errorLine(field: RequestFormField, error: FieldError | undefined): string {
  return error
    ? `<p class="field-error" id="${fieldId(field)}-erreur"><span class="visually-hidden">Erreur : </span>${escapeHtml(error.message)}</p>\n`
    : '';
}

function fieldHtml(spec: FieldSpec, state: RequestFormState): string {
  const id = fieldId(spec.field);
  const error = state.errors.find((candidate) => candidate.field === spec.field);
  const value = state.values[spec.field] ?? '';
  const common = `id="${id}" name="${spec.field}"${spec.required ? ' required aria-required="true"' : ''}${error ? ' aria-invalid="true"' : ''}${describedBy(spec.field, Boolean(spec.hint), error)}`;
  const control =
    spec.input === 'textarea'
      ? `<textarea ${common} rows="8" maxlength="${spec.maxLength}">${escapeHtml(value)}</textarea>`
      : `<input ${common} type="${spec.input}" maxlength="${spec.maxLength}"${spec.autocomplete ? ` autocomplete="${spec.autocomplete}"` : ''} value="${escapeHtml(value)}">`;
  return `<div class="field${error ? ' has-error' : ''}" data-field="${spec.field}">
<label for="${id}">${escapeHtml(spec.label)}${spec.required ? ' <span class="required">(obligatoire)</span>' : ''}</label>
${spec.hint ? `<p class="hint" id="${id}-aide">${escapeHtml(spec.hint)}</p>\n` : ''}${errorLine(spec.field, error)}${control}
</div>`;
}

function attachmentsHtml(state: RequestFormState): string {
  const id = fieldId('attachments');
  const error = state.errors.find((candidate) => candidate.field === 'attachments');
  const { maxAttachmentMegabytes, maxAttachments, maxTotalMegabytes } = state.limits;
  return `<div class="field${error ? ' has-error' : ''}" data-field="attachments">
<label for="${id}">Pièces jointes</label>
<p class="hint" id="${id}-aide">Facultatives. ${maxAttachments} fichiers au plus, ${maxAttachmentMegabytes} Mo chacun et ${maxTotalMegabytes} Mo en tout. PDF, images ou documents bureautiques ; les programmes et fichiers à macros sont refusés.</p>
${errorLine('attachments', error)}<input id="${id}" name="attachments" type="file" multiple data-max-total-bytes="${maxTotalMegabytes * 1024 * 1024}"${error ? ' aria-invalid="true"' : ''}${describedBy('attachments', true, error)}>
</div>`;
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/**
 * The commune in the form: nothing on a single-commune service; the commune a link named, with its code in a
 * hidden field; or a required list of the active communes by name, the reason a link's commune was not taken in
 * place of its hint.
 */
function communeHtml(state: RequestFormState): string {
  const { commune } = state;
  if (commune.kind === 'known') {
    if (!commune.insee) return '';
    return `<p class="hint">Votre demande sera adressée à la ${escapeHtml(lowerFirst(townHallName(commune.name)))}. <a href="/demande">Une autre commune ?</a></p>
<input type="hidden" name="commune" value="${escapeHtml(commune.insee)}">`;
  }
  const id = fieldId('commune');
  const error = state.errors.find((candidate) => candidate.field === 'commune');
  const options = commune.options.map(
    ({ insee, name }) =>
      `<option value="${escapeHtml(insee)}"${insee === state.values.commune ? ' selected' : ''}>${escapeHtml(name)}</option>`,
  );
  return `<div class="field${error ? ' has-error' : ''}" data-field="commune">
<label for="${id}">Votre commune <span class="required">(obligatoire)</span></label>
<p class="${commune.notice ? 'callout' : 'hint'}" id="${id}-aide">${escapeHtml(commune.notice ?? 'Votre demande est adressée à la mairie de la commune choisie.')}</p>
${errorLine('commune', error)}<select id="${id}" name="commune" required aria-required="true"${error ? ' aria-invalid="true"' : ''}${describedBy('commune', true, error)}>
<option value="">Choisissez votre commune</option>
${options.join('\n')}
</select>
</div>`;
}

/** The list of problems above the form: each one links to its field, and it is what gets the focus after sending. */
export function errorSummaryHtml(errors: readonly FieldError[], notice?: string): string {
  if (errors.length === 0 && !notice) return '<div id="erreurs" class="error-summary" tabindex="-1" hidden></div>';
  const heading =
    errors.length > 0
      ? errors.length === 1
        ? 'Un champ est à corriger'
        : `${errors.length} champs sont à corriger`
      : 'Votre demande n’est pas encore envoyée';
  return `<div id="erreurs" class="error-summary" tabindex="-1" role="alert">
<h2>${escapeHtml(heading)}</h2>
${notice ? `<p>${escapeHtml(notice)}</p>\n` : ''}${errors.length > 0 ? `<ul>\n${errors.map((error) => `<li><a href="#${fieldId(error.field)}">${escapeHtml(error.message)}</a></li>`).join('\n')}\n</ul>` : ''}
</div>`;
}

export const formTitle = 'Faire une demande à la mairie';

export function pageTitleOf(state: Pick<RequestFormState, 'errors' | 'notice'>): string {
  return state.errors.length > 0 || state.notice ? `Erreur : ${formTitle}` : formTitle;
}

/**
 * The public request form. It works as plain HTML (a POST that answers with the confirmation, or with this page
 * again, every value kept and each error tied to its field); the script only sends it without reloading.
 */
export function requestFormPage(state: RequestFormState): string {
  const { commune } = state;
  // Back to the same address: a form shown again keeps the commune its link named.
  const action = commune.kind === 'known' && commune.insee ? `/demande?commune=${encodeURIComponent(commune.insee)}` : '/demande';
  return publicPage({
    title: pageTitleOf(state),
    script: 'demande.js',
    ...(commune.kind === 'known' ? { townHall: townHallName(commune.name) } : {}),
    main: `<h1>${formTitle}</h1>
<p>Écrivez-nous : votre demande est enregistrée immédiatement, avec une référence, puis confiée au service qui la traite. Vous pourrez suivre son avancement en ligne.</p>
${errorSummaryHtml(state.errors, state.notice)}
<form id="formulaire-demande" method="post" action="${escapeHtml(action)}" enctype="multipart/form-data" novalidate>
<p class="hint">Les champs marqués « obligatoire » doivent être remplis.</p>
${communeHtml(state)}
${fieldSpecs.map((spec) => fieldHtml(spec, state)).join('\n')}
${attachmentsHtml(state)}
<div class="trap" aria-hidden="true">
<label for="champ-site-web">Ne remplissez pas ce champ</label>
<input id="champ-site-web" name="site_web" type="text" tabindex="-1" autocomplete="off" value="">
</div>
<input type="hidden" name="cle" value="${escapeHtml(state.formKey)}">
<input type="hidden" name="debut" value="${escapeHtml(state.startToken)}">
<button type="submit">Envoyer ma demande</button>
</form>
<p class="privacy">Vos données servent uniquement à traiter votre demande. Elles sont conservées le temps nécessaire à son traitement, puis supprimées ou rendues anonymes.</p>`,
  });
}
