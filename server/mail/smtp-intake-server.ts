import { SMTPServer } from 'smtp-server';

import type { CommuneDirectory } from '../communes/commune-directory';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { MalformedEmailError } from './parse-email';
import type { ReceivedEmail } from './receive-email';

/**
 * Receives mail for the shared inbox (e.g. relayed by the town's mail server). The SMTP "250 OK" is given only
 * once the request is stored, so the sending server keeps and retries any message we could not store. The envelope
 * recipient decides the commune: an address of an active commune is accepted, any other refused. One commune per
 * message: a recipient of another commune in the same transaction is deferred (452), and the sending server
 * delivers it in a transaction of its own.
 */
export function createSmtpIntakeServer(
  config: Config,
  receive: (raw: Buffer, receivedAt: undefined, commune: string) => Promise<ReceivedEmail>,
  communes: Pick<CommuneDirectory, 'communeOfRecipient'>,
  logger: Logger,
): SMTPServer {
  const communeOf = (address: string) => communes.communeOfRecipient(address)?.insee ?? null;
  return new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: config.maxEmailBytes,
    banner: 'Aiguillage',
    logger: false,
    onRcptTo(address, session, callback) {
      const commune = communeOf(address.address);
      if (!commune) {
        callback(Object.assign(new Error('Destinataire inconnu.'), { responseCode: 550 }));
        return;
      }
      const accepted = session.envelope.rcptTo[0];
      if (accepted && communeOf(accepted.address) !== commune) {
        callback(
          Object.assign(new Error('Un message par commune : ce destinataire sera servi dans un autre envoi.'), { responseCode: 452 }),
        );
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (error) => callback(error));
      stream.on('end', () => {
        if ((stream as { sizeExceeded?: boolean }).sizeExceeded) {
          callback(Object.assign(new Error('Message trop volumineux.'), { responseCode: 552 }));
          return;
        }
        const commune = communeOf(session.envelope.rcptTo[0]?.address ?? '');
        if (!commune) {
          callback(Object.assign(new Error('Destinataire inconnu.'), { responseCode: 550 }));
          return;
        }
        receive(Buffer.concat(chunks), undefined, commune)
          .then((received) => {
            logger.info(
              { requestId: received.requestId, outcome: received.outcome, duplicate: received.duplicate },
              'email received over SMTP',
            );
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
