import { readFileSync } from 'node:fs';
import path from 'node:path';

import { labelledMessageSchema } from '../../classifiers/entities/eval/score-extraction';
import { maskPersonalData } from '../../classifiers/masking/mask-personal-data';

describe('maskPersonalData', () => {
  const request = [
    "Bonjour, je demande l'acte de naissance de mon fils Lucas Martin, né le 03/03/2015.",
    'Lucas est en CP. Rappelez-moi au 06 12 34 56 78 ou au 06 12 34 56 78, ou écrivez à marie.durand@example.fr.',
    'IBAN FR76 3000 6000 0112 3456 7890 189, voiture AB-123-CD, NIR 1 85 05 78 006 084 91.',
    'Rendez-vous le 20/03/2025.',
    'Cordialement,',
    'Marie Durand',
    '12 rue des Lilas, 33000 Bordeaux',
  ].join('\n');

  it('replaces personal data by typed numbered placeholders', () => {
    const { masked } = maskPersonalData(request);
    expect(masked).toBe(
      [
        "Bonjour, je demande l'acte de naissance de mon fils [PERSONNE_1], né le [DATE_NAISSANCE_1].",
        '[PERSONNE_2] est en CP. Rappelez-moi au [TELEPHONE_1] ou au [TELEPHONE_1], ou écrivez à [EMAIL_1].',
        'IBAN [IBAN_1], voiture [PLAQUE_1], NIR [NIR_1].',
        'Rendez-vous le 20/03/2025.',
        'Cordialement,',
        '[PERSONNE_3]',
        '[ADRESSE_1]',
      ].join('\n'),
    );
  });

  it('gives the same placeholder to one value written two ways', () => {
    const { masked } = maskPersonalData('Tél 06 12 34 56 78, sinon 0612345678 ou 06 99 88 77 66.');
    expect(masked).toBe('Tél [TELEPHONE_1], sinon [TELEPHONE_1] ou [TELEPHONE_2].');
  });

  it('restores the original text exactly', () => {
    const { masked, restore } = maskPersonalData(request);
    expect(masked).not.toContain('Lucas');
    expect(restore(masked)).toBe(request);
  });

  it('restores placeholders inside another text, leaving unknown ones alone', () => {
    const { restore } = maskPersonalData('Cordialement,\nMarie Durand');
    expect(restore('Réponse à [PERSONNE_1] et [ PERSONNE_1 ] ; [PERSONNE_9] inconnu')).toBe(
      'Réponse à Marie Durand et Marie Durand ; [PERSONNE_9] inconnu',
    );
  });

  it('lists what it replaced', () => {
    const { replacements } = maskPersonalData('Mail : Marie.Durand@Example.fr');
    expect(replacements).toEqual([
      { placeholder: '[EMAIL_1]', kind: 'email', value: 'marie.durand@example.fr', text: 'Marie.Durand@Example.fr' },
    ]);
  });

  it('hides the requester name given by the context', () => {
    const { masked } = maskPersonalData('Ici marie durand, merci.', { requesterName: 'Marie Durand' });
    expect(masked).toBe('Ici [PERSONNE_1], merci.');
  });

  it('keeps non-personal facts and common words that look like a first name', () => {
    const text = 'Mon voisin Pierre Roux a posé une pierre sur le permis PC 033 063 24 00012, somme de 150 €.';
    expect(maskPersonalData(text).masked).toBe(
      'Mon voisin [PERSONNE_1] a posé une pierre sur le permis PC 033 063 24 00012, somme de 150 €.',
    );
  });

  describe('on the labelled evaluation set', () => {
    const messages = readFileSync(path.join(__dirname, '../../classifiers/entities/eval/entities-eval.jsonl'), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => labelledMessageSchema.parse(JSON.parse(line)));
    const hiddenTypes = new Set(['email', 'phone', 'iban', 'nir', 'plate']);

    it.each(messages.map((message) => [message.id, message] as const))('%s round-trips and hides its identifiers', (_, message) => {
      const context = { receivedAt: new Date(message.receivedAt), requesterName: message.requesterName };
      const { masked, restore, replacements } = maskPersonalData(message.text, context);
      expect(restore(masked)).toBe(message.text);
      for (const replacement of replacements.filter((item) => hiddenTypes.has(item.kind))) {
        expect(masked).not.toContain(replacement.text);
      }
    });
  });
});
