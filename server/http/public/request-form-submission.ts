import type { AttachmentLimits } from '../../mail/attachment-policy';
import { attachmentRefusals } from '../../mail/keep-attachments';
import type { InboundAttachment } from '../../mail/parse-email';
import type { FormSubmission } from '../../pipeline/accept-form-request';
import { formRequestSchema } from '../../pipeline/intake-schemas';
import type { FieldError, RequestFormField, RequestFormState } from './request-form-page';

const fieldOfPath: Record<string, RequestFormField> = {
  commune: 'commune',
  subject: 'subject',
  text: 'text',
  'requester.name': 'name',
  'requester.email': 'email',
  'requester.phone': 'phone',
  attachments: 'attachments',
};

export type CheckedForm = { ok: true; submission: Omit<FormSubmission, 'attachments'> } | { ok: false; errors: FieldError[] };

/** What the citizen typed, as typed, to fill the form again after an error. */
export function typedValues(fields: ReadonlyMap<string, string>): RequestFormState['values'] {
  return Object.fromEntries(
    (['commune', 'subject', 'text', 'name', 'email', 'phone'] as const).map((field) => [field, fields.get(field) ?? '']),
  );
}

/**
 * The public form's fields through the API's own schema (one set of rules and French messages for both), plus the
 * attachments through the mail policy: a refused file is an error on its field here, since the citizen is
 * still there to choose another one.
 */
export function checkRequestForm(
  fields: ReadonlyMap<string, string>,
  files: readonly InboundAttachment[],
  limits: AttachmentLimits,
): CheckedForm {
  const optional = (name: string) => (fields.get(name)?.trim() ? fields.get(name) : undefined);
  const parsed = formRequestSchema.safeParse({
    commune: optional('commune'),
    subject: optional('subject'),
    text: fields.get('text') ?? '',
    requester: { name: fields.get('name') ?? '', email: optional('email')?.trim(), phone: optional('phone') },
    attachments: files.map(({ filename, contentType, size }) => ({ filename, contentType, size })),
  });
  const errors: FieldError[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({
        field:
          fieldOfPath[
            issue.path
              .slice(0, 2)
              .filter((key) => typeof key === 'string')
              .join('.')
          ] ??
          fieldOfPath[String(issue.path[0])] ??
          'text',
        message: issue.message,
      }));
  const refused = attachmentRefusals(files, limits);
  if (refused.length > 0)
    errors.push({ field: 'attachments', message: `${refused.join(' ')} Choisissez d’autres fichiers, ou envoyez la demande sans eux.` });
  const firstPerField = errors.filter((error, index) => errors.findIndex((other) => other.field === error.field) === index);
  if (!parsed.success || firstPerField.length > 0) return { ok: false, errors: firstPerField };
  const { attachments: _described, ...submission } = parsed.data;
  return { ok: true, submission };
}
