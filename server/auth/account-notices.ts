import type { Config } from '../config';
import type { Logger } from '../logger';
import { createOutgoingTransport } from '../mail/outgoing-transport';

/**
 * Mail to a staff member about their own account, sent at once through the town's SMTP server (a security notice
 * is worth nothing a day late, so it does not wait in the citizens' outbox). Never throws: a failure is logged.
 */
export class AccountNotices {
  constructor(
    private readonly config: Pick<
      Config,
      'smtpOutHost' | 'smtpOutPort' | 'smtpOutSecure' | 'smtpOutUser' | 'smtpOutPassword' | 'inboxAddress' | 'mailFromName'
    >,
    private readonly logger: Logger,
  ) {}

  signInDelayed(owner: { email: string; displayName: string }, facts: { failures: number; address: string; delay: string }): void {
    this.send(
      owner.email,
      'Tentatives de connexion à votre compte Aiguillage',
      [
        `Bonjour ${owner.displayName},`,
        '',
        `${facts.failures} tentatives de connexion à votre compte ont échoué depuis l'adresse ${facts.address}. Les essais depuis cette adresse sont ralentis : prochain essai possible dans ${facts.delay}, puis des délais croissants en cas de nouvel échec. Vous pouvez toujours vous connecter depuis un autre poste.`,
        '',
        "Si ce n'était pas vous, changez votre mot de passe dès que possible et prévenez l'administrateur des comptes, qui peut aussi lever ce ralentissement.",
        '',
        'Aiguillage',
      ].join('\n'),
    );
  }

  private send(to: string, subject: string, text: string): void {
    const transport = createOutgoingTransport(this.config as Config);
    if (!transport) {
      this.logger.warn('no outgoing SMTP server (SMTP_OUT_HOST): a security notice to a staff member was not sent');
      return;
    }
    transport
      .sendMail({
        from: { name: this.config.mailFromName, address: this.config.inboxAddress },
        to,
        subject,
        text,
        headers: { 'Auto-Submitted': 'auto-generated' },
      })
      .catch((error: unknown) => this.logger.error({ err: error }, 'security notice to a staff member failed'))
      .finally(() => transport.close());
  }
}
