import { describeAction } from '../../routing-rules/describe-action';
import { describeCondition } from '../../routing-rules/describe-condition';

describe('French descriptions for the rule editor and the trace', () => {
  test('a condition tree on one line', () => {
    expect(
      describeCondition({
        kind: 'all',
        conditions: [
          { kind: 'queue', op: 'equals', value: 'voirie' },
          {
            kind: 'any',
            conditions: [
              { kind: 'confidence', op: 'lt', value: 0.55 },
              { kind: 'channel', op: 'in', values: ['email'] },
            ],
          },
          { kind: 'not', condition: { kind: 'officeHours' } },
          { kind: 'keywords', field: 'subjectOrText', match: 'any', words: ['danger', 'fuite de gaz'] },
        ],
      }),
    ).toBe(
      "« file prédite = Voirie et espaces publics » ET (« confiance < 0,55 » OU « canal parmi : courriel ») ET NON « reçue pendant les heures d'ouverture » " +
        "ET « un des mots-clés dans l'objet ou le texte : danger, fuite de gaz »",
    );
    expect(describeCondition({ kind: 'all', conditions: [] })).toBe('toujours');
  });

  test('leaves of every kind read naturally', () => {
    expect(describeCondition({ kind: 'entity', entityType: 'amount_eur', op: 'gte', value: 1500.5 })).toBe('montant en euros ≥ 1500,5');
    expect(describeCondition({ kind: 'entity', entityType: 'permit_ref', op: 'present' })).toBe('référence de permis présente');
    expect(describeCondition({ kind: 'attachmentType', contentTypes: ['application/pdf'], extensions: ['dwg'] })).toBe(
      'pièce jointe de type : application/pdf, .dwg',
    );
    expect(describeCondition({ kind: 'weekday', days: ['sat', 'sun'] })).toBe('reçue un samedi, dimanche');
    expect(describeCondition({ kind: 'receivedBetween', from: '2026-07-01', to: '2026-08-31' })).toBe(
      'reçue entre le 01/07/2026 et le 31/08/2026',
    );
    expect(describeCondition({ kind: 'receivedBetween', to: '2026-08-31' })).toBe("reçue jusqu'au 31/08/2026");
    expect(describeCondition({ kind: 'regex', field: 'subject', pattern: '^URGENT', flags: 'i' })).toBe("l'objet correspond à /^URGENT/i");
    expect(describeCondition({ kind: 'senderDomain', op: 'equals', value: 'gouv.fr' })).toBe(
      "domaine de l'expéditeur (ou sous-domaine) = gouv.fr",
    );
  });

  test('actions', () => {
    expect(describeAction({ type: 'setSla', sla: { amount: 1.5, unit: 'workingHours' } })).toBe('échéance : 1,5 heure(s) ouvrée(s)');
    expect(describeAction({ type: 'setPriority', priority: 'urgent' })).toBe('priorité urgente');
    expect(describeAction({ type: 'assign', strategy: 'least-loaded' })).toBe("attribuer à l'agent de la file le moins chargé");
    expect(describeAction({ type: 'escalate', queue: 'police-municipale' })).toBe(
      "si non traitée à l'échéance, transmettre à la file police-municipale",
    );
  });
});
