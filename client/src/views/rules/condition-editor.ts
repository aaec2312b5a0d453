import { weekdayLabels } from '../../../../routing-rules/describe-condition';
import type { Condition, LeafCondition, NumericOperator } from '../../../../routing-rules/rule-schema';
import type { Weekday } from '../../../../routing-rules/working-schedule';
import { h } from '../../dom/element';
import { entityLabels } from '../../labels/entity-labels';
import { allIntents, allQueueIds, queueLabel } from '../../labels/taxonomy-labels';
import { channelLabels } from '../../labels/ticket-labels';
import { checkbox, field, listInput, numberInput, selectInput, textInput } from './editor-controls';
import { defaultLeaf, entityTypes, isGroup, leafKindLabels, numericOperatorLabels, textFieldLabels } from './rule-vocabulary';

export interface EditorHooks {
  /** A value was edited in place (no new controls needed). */
  changed(): void;
  /** The shape changed: the editor is drawn again, then `focusId` (or the focused control) gets the focus back. */
  restructured(focusId?: string): void;
  /** The town hall's date as the server gave it, where a new date condition starts (never the browser's UTC date). */
  today(): string;
}

/** Where a condition sits: the rule's root, or a place in a group. */
export interface ConditionSlot {
  get(): Condition;
  set(condition: Condition): void;
  remove?: () => void;
}

type SlotType = LeafCondition['kind'] | 'all' | 'any';

const typeOptions: ReadonlyArray<readonly [SlotType, string]> = [
  ['all', 'Groupe : toutes les conditions (ET)'],
  ['any', 'Groupe : au moins une condition (OU)'],
  ...(Object.entries(leafKindLabels) as Array<[LeafCondition['kind'], string]>),
];

/**
 * The condition tree as nested form rows: each row says what it tests, may be negated ("NON"), and groups hold
 * rows of their own. Edits go straight into the rule being edited.
 */
export function renderCondition(slot: ConditionSlot, id: string, hooks: EditorHooks): HTMLElement {
  const stored = slot.get();
  const negated = stored.kind === 'not';
  const inner = stored.kind === 'not' ? stored.condition : stored;
  const setInner = (condition: Condition) => slot.set(negated ? { kind: 'not', condition } : condition);

  const header = h(
    'div',
    { class: 'condition-row' },
    selectInput<SlotType>(`${id}-type`, 'Condition', inner.kind === 'not' ? 'all' : inner.kind, typeOptions, (type) => {
      setInner(convert(inner, type, hooks.today()));
      hooks.restructured(`${id}-type`);
    }),
    checkbox(`${id}-not`, 'NON (inverser)', negated, (checked) => {
      slot.set(checked ? { kind: 'not', condition: inner } : inner);
      hooks.restructured(`${id}-not`);
    }),
    isGroup(inner) || inner.kind === 'not' ? null : renderLeafFields(inner, id, hooks),
    slot.remove
      ? h(
          'button',
          {
            type: 'button',
            class: 'button button-small button-danger',
            'aria-label': 'Supprimer cette condition',
            onClick: () => {
              slot.remove!();
              hooks.restructured();
            },
          },
          'Supprimer',
        )
      : null,
  );
  if (!isGroup(inner)) return h('div', { class: 'condition' }, header);

  const children = inner.conditions.map((_child, index) =>
    h(
      'li',
      {},
      renderCondition(
        {
          get: () => inner.conditions[index],
          set: (condition) => {
            inner.conditions[index] = condition;
          },
          remove: () => {
            inner.conditions.splice(index, 1);
          },
        },
        `${id}-${index}`,
        hooks,
      ),
    ),
  );
  const add = (condition: Condition, focus: string) => {
    inner.conditions.push(condition);
    hooks.restructured(`${id}-${inner.conditions.length - 1}-${focus}`);
  };
  return h(
    'fieldset',
    { class: 'condition-group' },
    h(
      'legend',
      {},
      inner.kind === 'all' ? 'Toutes ces conditions (ET)' : 'Au moins une de ces conditions (OU)',
      negated ? ' — inversé' : '',
    ),
    header,
    inner.conditions.length === 0
      ? h(
          'p',
          { class: 'hint' },
          inner.kind === 'all' ? 'Aucune condition : la règle s’applique toujours.' : 'Aucune condition : la règle ne s’applique jamais.',
        )
      : null,
    h('ul', { class: 'condition-children' }, children),
    h(
      'div',
      { class: 'condition-buttons' },
      h(
        'button',
        { type: 'button', class: 'button button-small', onClick: () => add(defaultLeaf('keywords', hooks.today()), 'type') },
        'Ajouter une condition',
      ),
      h(
        'button',
        { type: 'button', class: 'button button-small', onClick: () => add({ kind: 'any', conditions: [] }, 'type') },
        'Ajouter un groupe',
      ),
    ),
  );
}

function convert(current: Condition, type: SlotType, today: string): Condition {
  if (type === 'all' || type === 'any') {
    if (isGroup(current)) return { kind: type, conditions: current.conditions };
    return { kind: type, conditions: [current] };
  }
  if (isGroup(current)) {
    const first = current.conditions[0];
    if (first && first.kind === type) return first;
  }
  return defaultLeaf(type, today);
}

/** Writes one field of a condition whose kind the editor has already checked. */
function assign(leaf: LeafCondition, fieldName: string, value: unknown): void {
  (leaf as unknown as Record<string, unknown>)[fieldName] = value;
}

function renderLeafFields(leaf: LeafCondition, id: string, hooks: EditorHooks): HTMLElement | HTMLElement[] | null {
  const set = (fieldName: string) => (value: unknown) => {
    assign(leaf, fieldName, value);
    hooks.changed();
  };
  const numericOps = Object.entries(numericOperatorLabels) as Array<[NumericOperator, string]>;
  switch (leaf.kind) {
    case 'intent':
      return stringMatch(
        leaf,
        id,
        'Motif',
        allIntents.map((intent) => [intent.id, `${intent.label} (${queueLabel(intent.queue)})`] as const),
        hooks,
      );
    case 'queue':
      return stringMatch(
        leaf,
        id,
        'File',
        allQueueIds.map((queueId) => [queueId, queueLabel(queueId)] as const),
        hooks,
      );
    case 'channel':
      return stringMatch(leaf, id, 'Canal', Object.entries(channelLabels) as Array<[string, string]>, hooks);
    case 'language':
    case 'senderEmail':
    case 'senderDomain':
      return stringMatch(
        leaf,
        id,
        leaf.kind === 'language' ? 'Langue (code, ex. fr)' : leaf.kind === 'senderEmail' ? 'Adresse' : 'Domaine (ex. gouv.fr)',
        null,
        hooks,
      );
    case 'confidence':
      return [
        selectInput(`${id}-op`, 'Opérateur', leaf.op, numericOps, set('op')),
        numberInput(`${id}-value`, 'Seuil (entre 0 et 1)', leaf.value, set('value'), { min: '0', max: '1', step: '0.05' }),
      ];
    case 'attachmentCount':
      return [
        selectInput(`${id}-op`, 'Opérateur', leaf.op, numericOps, set('op')),
        numberInput(`${id}-value`, 'Nombre', leaf.value, set('value'), { min: '0', step: '1' }),
      ];
    case 'keywords':
      return [
        selectInput(
          `${id}-match`,
          'Correspondance',
          leaf.match,
          [
            ['any', 'un des mots'],
            ['all', 'tous les mots'],
          ],
          set('match'),
        ),
        selectInput(
          `${id}-field`,
          'Dans',
          leaf.field,
          Object.entries(textFieldLabels) as Array<[keyof typeof textFieldLabels, string]>,
          set('field'),
        ),
        listInput(
          `${id}-words`,
          'Mots-clés',
          leaf.words,
          set('words'),
          'Séparez les mots par des virgules ; accents et majuscules sont ignorés.',
        ),
      ];
    case 'regex':
      return [
        selectInput(
          `${id}-field`,
          'Dans',
          leaf.field,
          Object.entries(textFieldLabels) as Array<[keyof typeof textFieldLabels, string]>,
          set('field'),
        ),
        textInput(`${id}-pattern`, 'Expression', leaf.pattern, set('pattern'), { spellcheck: 'false' }),
        textInput(`${id}-flags`, 'Options (ex. i)', leaf.flags ?? '', (value) => set('flags')(value || undefined), { size: '4' }),
      ];
    case 'entity':
      return renderEntityFields(leaf, id, hooks);
    case 'attachmentType':
      return [
        listInput(
          `${id}-extensions`,
          'Extensions',
          leaf.extensions ?? [],
          (values) => set('extensions')(values.length > 0 ? values : undefined),
          'Ex. pdf, jpg',
        ),
        listInput(
          `${id}-types`,
          'Types de contenu',
          leaf.contentTypes ?? [],
          (values) => set('contentTypes')(values.length > 0 ? values : undefined),
          'Ex. application/pdf',
        ),
      ];
    case 'officeHours':
      return h(
        'p',
        { class: 'hint' },
        'Selon les horaires d’ouverture de la mairie ; cochez NON pour « en dehors des heures d’ouverture ».',
      );
    case 'weekday':
      return h(
        'fieldset',
        { class: 'condition-group' },
        h('legend', {}, 'Jours'),
        (Object.entries(weekdayLabels) as Array<[Weekday, string]>).map(([day, label]) =>
          checkbox(`${id}-day-${day}`, label, leaf.days.includes(day), (checked) => {
            leaf.days = checked ? [...leaf.days, day] : leaf.days.filter((candidate) => candidate !== day);
            hooks.changed();
          }),
        ),
      );
    case 'receivedBetween':
      return [
        textInput(`${id}-from`, 'Du', leaf.from ?? '', (value) => set('from')(value || undefined), { type: 'date' }),
        textInput(`${id}-to`, 'Au', leaf.to ?? '', (value) => set('to')(value || undefined), { type: 'date' }),
      ];
  }
}

type StringLeaf = Extract<LeafCondition, { kind: 'intent' | 'queue' | 'channel' | 'language' | 'senderEmail' | 'senderDomain' }>;

/** `equals` one value or `in` a list; with a known vocabulary, the values are chosen rather than typed. */
function stringMatch(
  leaf: StringLeaf,
  id: string,
  label: string,
  choices: ReadonlyArray<readonly [string, string]> | null,
  hooks: EditorHooks,
): HTMLElement[] {
  const operator = selectInput<'equals' | 'in'>(
    `${id}-op`,
    'Opérateur',
    leaf.op,
    [
      ['equals', 'est'],
      ['in', 'fait partie de'],
    ],
    (op) => {
      const values = leaf.op === 'equals' ? [leaf.value].filter(Boolean) : leaf.values;
      if (op === 'equals') Object.assign(leaf, { op, value: values[0] ?? '', values: undefined });
      else Object.assign(leaf, { op, values, value: undefined });
      for (const key of ['value', 'values'] as const)
        if ((leaf as Record<string, unknown>)[key] === undefined) delete (leaf as Record<string, unknown>)[key];
      hooks.restructured(`${id}-op`);
    },
  );
  if (leaf.op === 'equals') {
    const value = choices
      ? selectInput(`${id}-value`, label, leaf.value, [['', 'Choisir…'], ...choices], (chosen) => {
          assign(leaf, 'value', chosen);
          hooks.changed();
        })
      : textInput(`${id}-value`, label, leaf.value, (typed) => {
          leaf.value = typed.trim();
          hooks.changed();
        });
    return [operator, value];
  }
  if (!choices) {
    return [
      operator,
      listInput(`${id}-values`, label, leaf.values, (values) => {
        leaf.values = values;
        hooks.changed();
      }),
    ];
  }
  const select = h(
    'select',
    {
      id: `${id}-values`,
      multiple: true,
      size: '4',
      onChange: () => {
        assign(
          leaf,
          'values',
          [...select.selectedOptions].map((option) => option.value),
        );
        hooks.changed();
      },
    },
    choices.map(([value, optionLabel]) =>
      h('option', { value, selected: (leaf.values as readonly string[]).includes(value) }, optionLabel),
    ),
  );
  return [operator, field(`${id}-values`, `${label} (plusieurs choix possibles)`, select)];
}

function renderEntityFields(leaf: Extract<LeafCondition, { kind: 'entity' }>, id: string, hooks: EditorHooks): HTMLElement[] {
  type EntityOp = Extract<LeafCondition, { kind: 'entity' }>['op'];
  const operators: Array<[EntityOp, string]> = [
    ['present', 'est présente'],
    ['equals', 'est égale à'],
    ['in', 'fait partie de'],
    ['matches', 'correspond à l’expression'],
    ...(Object.entries(numericOperatorLabels) as Array<[NumericOperator, string]>),
  ];
  const controls = [
    selectInput(
      `${id}-entity`,
      'Information',
      leaf.entityType,
      entityTypes.map((type) => [type, entityLabels[type]] as const),
      (type) => {
        leaf.entityType = type;
        hooks.changed();
      },
    ),
    selectInput<EntityOp>(`${id}-op`, 'Opérateur', leaf.op, operators, (op) => {
      const replacement: LeafCondition =
        op === 'present'
          ? { kind: 'entity', entityType: leaf.entityType, op }
          : op === 'equals'
            ? { kind: 'entity', entityType: leaf.entityType, op, value: '' }
            : op === 'in'
              ? { kind: 'entity', entityType: leaf.entityType, op, values: [] }
              : op === 'matches'
                ? { kind: 'entity', entityType: leaf.entityType, op, pattern: '' }
                : { kind: 'entity', entityType: leaf.entityType, op, value: 0 };
      for (const key of Object.keys(leaf)) delete (leaf as Record<string, unknown>)[key];
      Object.assign(leaf, replacement);
      hooks.restructured(`${id}-op`);
    }),
  ];
  switch (leaf.op) {
    case 'present':
      return controls;
    case 'equals':
      return [
        ...controls,
        textInput(`${id}-value`, 'Valeur', leaf.value, (value) => {
          leaf.value = value;
          hooks.changed();
        }),
      ];
    case 'in':
      return [
        ...controls,
        listInput(`${id}-values`, 'Valeurs', leaf.values, (values) => {
          leaf.values = values;
          hooks.changed();
        }),
      ];
    case 'matches':
      return [
        ...controls,
        textInput(
          `${id}-pattern`,
          'Expression',
          leaf.pattern,
          (value) => {
            leaf.pattern = value;
            hooks.changed();
          },
          { spellcheck: 'false' },
        ),
      ];
    default:
      return [
        ...controls,
        numberInput(`${id}-value`, 'Nombre', leaf.value, (value) => {
          assign(leaf, 'value', value);
          hooks.changed();
        }),
      ];
  }
}
