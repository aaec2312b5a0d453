import { agreementRate } from '../../routing-rules/pilot-mode';

describe('agreementRate', () => {
  const history = [
    { suggested: 'voirie', confirmed: 'social' },
    { suggested: 'voirie', confirmed: 'voirie' },
    { suggested: 'urbanisme', confirmed: 'urbanisme' },
    { suggested: 'accueil', confirmed: null },
    { suggested: 'social', confirmed: 'etat-civil' },
    { suggested: 'elections', confirmed: 'elections' },
  ];

  test('counts only the last N confirmed suggestions', () => {
    expect(agreementRate(history, 3)).toEqual({ considered: 3, agreed: 2, rate: 2 / 3 });
    expect(agreementRate(history, 100)).toEqual({ considered: 5, agreed: 3, rate: 0.6 });
  });

  test('no rate without confirmed suggestions', () => {
    expect(agreementRate([{ suggested: 'voirie', confirmed: null }], 10)).toEqual({ considered: 0, agreed: 0, rate: null });
    expect(agreementRate(history, 0)).toEqual({ considered: 0, agreed: 0, rate: null });
  });
});
