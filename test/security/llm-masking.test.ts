import { LlmCallModel } from '../../models/classifier/llm-call-model';
import { llmApplicationForTests, submitAndGetTicket } from '../llm/llm-fallback-test-kit';
import { scripted } from '../support/fake-openai-server';

/** What the probe saw leave in clear: numbers whose checksum fails or that the entity extractors do not know. */
const identifiers = {
  nirWrongKey: '1 85 05 78 006 084 12',
  nirWithoutKey: '2850578006084',
  passport: '15CV28394',
  identityCard: 'X4RTBPFW4',
  bankCardFailingLuhn: '4970 1012 3456 7890',
  caf: '1234567',
  taxNumber: '3012345678901',
};

describe('masking before the LLM hides identifying numbers, valid or not', () => {
  const llm = llmApplicationForTests();

  it('sends none of them to the LLM, only placeholders of their kind', async () => {
    const { fake, application } = llm;
    fake.enqueue(scripted.answer({ queue: 'social', intent: 'aide-sociale', confidence: 0.6, reason: 'Question de dossier.' }));
    const callsBefore = fake.received.length;
    await submitAndGetTicket(application, {
      subject: 'Mon dossier',
      text:
        `Bonjour, mon numéro de sécurité sociale est ${identifiers.nirWrongKey} (ou ${identifiers.nirWithoutKey} sans la clé), ` +
        `mon passeport ${identifiers.passport}, ma carte d'identité n° ${identifiers.identityCard}. ` +
        `La carte ${identifiers.bankCardFailingLuhn} a été débitée. Numéro allocataire CAF : ${identifiers.caf}. ` +
        `Mon numéro fiscal ${identifiers.taxNumber}. Pouvez-vous m'aider ?`,
    });
    const sent = fake.received.slice(callsBefore);
    expect(sent).toHaveLength(1);
    const body = sent[0]!.rawBody;
    const digits = body.replace(/[^0-9A-Z]/g, '');
    for (const value of Object.values(identifiers)) {
      expect(body).not.toContain(value);
      expect(digits).not.toContain(value.replace(/[^0-9A-Z]/g, ''));
    }
    const userMessage = sent[0]!.body.messages.find((message) => message.role === 'user')!.content;
    for (const placeholder of [
      '[NIR_1]',
      '[NIR_2]',
      '[PASSEPORT_1]',
      '[CARTE_IDENTITE_1]',
      '[CARTE_BANCAIRE_1]',
      '[ALLOCATAIRE_CAF_1]',
      '[NUMERO_FISCAL_1]',
    ]) {
      expect(userMessage).toContain(placeholder);
    }
    const records = JSON.stringify(await LlmCallModel.find({}).lean());
    for (const value of Object.values(identifiers)) expect(records).not.toContain(value);
  });
});
