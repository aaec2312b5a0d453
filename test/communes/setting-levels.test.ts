import { mayChangeSettingLevel, settingForCommune, settingLevelSchema } from '../../routing-rules/communes/setting-levels';

describe('settings per commune, over the service’s', () => {
  const stored = [
    { commune: null, value: 'service' },
    { commune: '67348', value: 'obernai' },
  ];

  it.each([
    ['a commune with its own override', stored, '67348', { value: 'obernai', level: 'commune' }],
    ['a commune without one, which inherits the service’s', stored, '69264', { value: 'service', level: 'service' }],
    ['the service’s own level', stored, null, { value: 'service', level: 'service' }],
    [
      'a commune when only another commune has one',
      [{ commune: '67348', value: 'obernai' }],
      '69264',
      { value: 'shipped', level: 'shipped' },
    ],
    ['the service when only a commune has one', [{ commune: '67348', value: 'obernai' }], null, { value: 'shipped', level: 'shipped' }],
    ['nothing stored', [], '67348', { value: 'shipped', level: 'shipped' }],
  ])('reads %s', (_case, settings, commune, expected) => {
    expect(settingForCommune(settings, commune, 'shipped')).toEqual(expected);
  });

  it.each([
    ['an EPCI supervisor, the service’s level', { communes: ['67348', '69264'], serviceWide: true }, null, true],
    ['an EPCI supervisor, a commune’s', { communes: ['67348', '69264'], serviceWide: true }, '69264', true],
    ['a commune’s supervisor, their commune’s', { communes: ['67348'], serviceWide: false }, '67348', true],
    ['a commune’s supervisor, the service’s level (refused)', { communes: ['67348'], serviceWide: false }, null, false],
    ['a commune’s supervisor, another commune’s (refused)', { communes: ['67348'], serviceWide: false }, '69264', false],
  ])('%s: whether it may be changed', (_case, scope, commune, allowed) => {
    expect(mayChangeSettingLevel(scope, commune)).toBe(allowed);
  });

  it('reads the level from a query: a commune’s INSEE code, or the service’s without one', () => {
    expect(settingLevelSchema.parse({ commune: '97411' })).toBe('97411');
    expect(settingLevelSchema.parse({})).toBeNull();
    expect(settingLevelSchema.safeParse({ commune: 'Obernai' }).success).toBe(false);
  });
});
