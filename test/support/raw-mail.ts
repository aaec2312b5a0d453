import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';

/** A real MIME message, built by nodemailer's composer, as a citizen's mail client would send it. */
export async function rawMail(options: Mail.Options): Promise<Buffer> {
  return new MailComposer({ to: 'contact@mairie.example', date: new Date(), ...options }).compile().build();
}

/** A delivery status notification as Postfix writes it (RFC 3464 multipart/report). */
export function bounceMail(messageId: string, failedRecipient: string): string {
  return [
    'From: MAILER-DAEMON@mx.exemple.fr (Mail Delivery System)',
    'To: contact@mairie.example',
    'Subject: Undelivered Mail Returned to Sender',
    `Message-ID: ${messageId}`,
    'Date: Mon, 2 Mar 2026 10:00:00 +0100',
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="B0UND"',
    '',
    '--B0UND',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'This is the mail system at host mx.exemple.fr.',
    "I'm sorry to have to inform you that your message could not be delivered.",
    `<${failedRecipient}>: host mx.exemple.fr said: 550 5.1.1 User unknown`,
    '',
    '--B0UND',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.exemple.fr',
    '',
    `Final-Recipient: rfc822; ${failedRecipient}`,
    'Action: failed',
    'Status: 5.1.1',
    '',
    '--B0UND--',
    '',
  ].join('\r\n');
}
