import { isAllowedWebhookDestination } from '../../routing-rules/webhook-destinations';

const allowed = ['https://n8n.mairie.example/webhook/', 'https://sig.mairie.example/hooks/aiguillage', 'http://10.0.0.5:5678/'];

describe('webhook destinations the operator allowed', () => {
  test.each<[string, boolean]>([
    ['https://n8n.mairie.example/webhook/abc', true],
    ['https://n8n.mairie.example/webhook/', true],
    ['https://n8n.mairie.example/webhook', false],
    ['https://n8n.mairie.example/webhookX/abc', false],
    ['https://n8n.mairie.example/autre', false],
    ['http://n8n.mairie.example/webhook/abc', false],
    ['https://n8n.mairie.example:8443/webhook/abc', false],
    ['https://n8n.mairie.example.evil.example/webhook/abc', false],
    ['https://user:pass@n8n.mairie.example/webhook/abc', false],
    ['https://sig.mairie.example/hooks/aiguillage?jeton=1', true],
    ['https://sig.mairie.example/hooks/aiguillage/sous', true],
    ['https://sig.mairie.example/hooks/aiguillage-2', false],
    ['http://10.0.0.5:5678/webhook/x', true],
    ['http://10.0.0.6:5678/webhook/x', false],
    ['ftp://n8n.mairie.example/webhook/abc', false],
    ['pas une adresse', false],
  ])('%s → %s', (url, expected) => {
    expect(isAllowedWebhookDestination(url, allowed)).toBe(expected);
  });

  test('nothing is allowed until the operator lists it', () => {
    expect(isAllowedWebhookDestination('https://n8n.mairie.example/webhook/abc', [])).toBe(false);
  });
});
