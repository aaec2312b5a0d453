import { SMTPServer } from 'smtp-server';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { MalformedEmailError } from './parse-email';
import type { ReceivedEmail } from './receive-email';

/**
 * Receives mail for the shared inbox (e.g. relayed by the town's mail server). The SMTP "250 OK" is given only
 * once the request is stored, so the sending server keeps and retries any message we could not store.
 */
export function createSmtpIntakeServer(config: Config, receive: (raw: Buffer) => Promise<ReceivedEmail>, logger: Logger): SMTPServer {
  return new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: config.maxEmailBytes,
    banner: 'Aiguillage',
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.toLowerCase() !== config.inboxAddress.toLowerCase()) {
        callback(Object.assign(new Error('Destinataire inconnu.'), { responseCode: 550 }));
        return;
      }
      callback();
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (error) => callback(error));
      stream.on('end', () => {
        if ((stream as { sizeExceeded?: boolean }).sizeExceeded) {
          callback(Object.assign(new Error('Message trop volumineux.'), { responseCode: 552 }));
          return;
        }
        receive(Buffer.concat(chunks))
          .then((received) => {
            logger.info({ requestId: received.requestId, outcome: received.outcome, duplicate: received.duplicate }, 'email received over SMTP');
            callback(null, `Message enregistré ${received.requestId}`);
          })
          .catch((error: unknown) => {
            if (error instanceof MalformedEmailError) {
              callback(Object.assign(new Error(error.message), { responseCode: 554 }));
              return;
            }
            logger.error({ err: error }, 'could not store an email received over SMTP');
            callback(Object.assign(new Error('Erreur temporaire, réessayez plus tard.'), { responseCode: 451 }));
          });
      });
    },
  });
}
