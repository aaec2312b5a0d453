import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import nodemailer from 'nodemailer';

interface Mail {
  messageId: string;
  marker: string;
}

/**
 * Citizens posting the web form and mail servers delivering to the SMTP intake, as fast as the server answers.
 * A form that got no answer is sent again with the same Idempotency-Key, as the mairie's form does (a few times,
 * then the person gives up); mail that was not accepted is delivered again with the same Message-ID, as any mail
 * server does.
 */
/** A person whose form gets no answer tries again a few times (the server may be restarting). */
const formAttempts = 5;

export class LoadGenerator {
  readonly sent = { form: 0, formRetries: 0, mail: 0, mailRetries: 0 };
  /** Form requests answered 201: request id → the marker written in its text. */
  readonly acknowledgedForms = new Map<string, string>();
  /** Mail accepted with a 250: Message-ID → marker. */
  readonly acknowledgedMail = new Map<string, string>();
  private readonly toRedeliver: Mail[] = [];
  private running = false;
  private workers: Array<Promise<void>> = [];
  private sequence = 0;

  constructor(
    private readonly url: string,
    private readonly smtpPort: number,
    /** Between two posts of one worker: keeps the backlog within what two cores classify in a minute or two. */
    private readonly pauseMs: number,
  ) {}

  start(formWorkers: number): void {
    this.running = true;
    this.workers = [...Array.from({ length: formWorkers }, () => this.postForms()), this.deliverMail()];
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.workers);
  }

  /** After the last restart: every mail still refused is delivered until accepted. */
  async redeliverAll(attempts = 20): Promise<number> {
    for (let attempt = 0; attempt < attempts && this.toRedeliver.length > 0; attempt += 1) {
      const mail = this.toRedeliver.shift()!;
      this.sent.mailRetries += 1;
      if (!(await this.deliver(mail))) {
        this.toRedeliver.push(mail);
        await sleep(500);
      }
    }
    return this.toRedeliver.length;
  }

  private async postForms(): Promise<void> {
    while (this.running) {
      const marker = `chaos-${(this.sequence += 1)}`;
      const idempotencyKey = randomUUID();
      this.sent.form += 1;
      for (let attempt = 1; attempt <= formAttempts; attempt += 1) {
        if (attempt > 1) this.sent.formRetries += 1;
        try {
          const response = await fetch(`${this.url}/api/requests`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
            body: JSON.stringify({
              text: `Bonjour, le lampadaire numéro ${marker} de la rue des Acacias ne s'allume plus depuis trois jours.`,
              requester: { name: `Citoyen ${marker}` },
            }),
            signal: AbortSignal.timeout(10_000),
          });
          if (response.status === 201) this.acknowledgedForms.set(((await response.json()) as { id: string }).id, marker);
          await sleep(this.pauseMs);
          break;
        } catch {
          await sleep(500);
        }
      }
    }
  }

  private async deliverMail(): Promise<void> {
    while (this.running) {
      const retry = this.toRedeliver.shift();
      if (retry) this.sent.mailRetries += 1;
      const marker = `chaos-mail-${(this.sequence += 1)}`;
      const mail = retry ?? { messageId: `<${marker}@citoyens.example.org>`, marker };
      if (!retry) this.sent.mail += 1;
      if (!(await this.deliver(mail))) {
        this.toRedeliver.push(mail);
        await sleep(200);
      }
    }
  }

  private async deliver(mail: Mail): Promise<boolean> {
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: this.smtpPort,
      secure: false,
      ignoreTLS: true,
      connectionTimeout: 3_000,
      socketTimeout: 10_000,
    });
    try {
      await transport.sendMail({
        from: `"Habitant" <habitant.${mail.marker}@citoyens.example.org>`,
        to: 'contact@mairie.example',
        subject: 'Nid de poule',
        messageId: mail.messageId,
        text: `Bonjour, un nid de poule (${mail.marker}) s'est formé devant le 3 avenue Foch, les voitures font des écarts.`,
      });
      this.acknowledgedMail.set(mail.messageId, mail.marker);
      return true;
    } catch {
      return false;
    } finally {
      transport.close();
    }
  }
}
