import nodemailer, { type Transporter } from 'nodemailer';

import type { Config } from '../config';

/** The town's outgoing SMTP server, or null when none is configured (mail then waits in the queue). */
export function createOutgoingTransport(config: Config): Transporter | null {
  if (!config.smtpOutHost) return null;
  return nodemailer.createTransport({
    host: config.smtpOutHost,
    port: config.smtpOutPort,
    secure: config.smtpOutSecure,
    auth: config.smtpOutUser ? { user: config.smtpOutUser, pass: config.smtpOutPassword } : undefined,
    pool: true,
    maxConnections: 2,
  });
}
