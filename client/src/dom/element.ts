/**
 * Builds DOM nodes. Text always goes in as text nodes and attributes through setAttribute, so content from
 * citizens can never become markup: the app never assigns innerHTML.
 */
export type Child = Node | string | number | null | undefined | false | readonly Child[];

/** A handler may be async: its failure is reported like any uncaught error instead of vanishing as a rejected promise. */
type EventHandlers = {
  [Event in keyof HTMLElementEventMap as `on${Capitalize<Event>}`]?: (event: HTMLElementEventMap[Event]) => unknown;
};
export type Attributes = EventHandlers & Record<string, unknown>;

const propertyAttributes = new Set(['value', 'checked', 'selected', 'disabled']);

export function h<Tag extends keyof HTMLElementTagNameMap>(
  tag: Tag,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[Tag] {
  const element = document.createElement(tag);
  // Children first: a <select>'s value can only be set once its options exist.
  append(element, children);
  applyAttributes(element, attributes);
  return element;
}

const svgNamespace = 'http://www.w3.org/2000/svg';

export function svg<Tag extends keyof SVGElementTagNameMap>(
  tag: Tag,
  attributes: Record<string, unknown> = {},
  ...children: Child[]
): SVGElementTagNameMap[Tag] {
  const element = document.createElementNS(svgNamespace, tag) as SVGElementTagNameMap[Tag];
  applyAttributes(element, attributes);
  append(element, children);
  return element;
}

export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else if (child instanceof Node) parent.appendChild(child);
    else parent.appendChild(document.createTextNode(String(child)));
  }
}

/** Replaces everything inside `parent`. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

function applyAttributes(element: Element, attributes: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      const handler = value as (event: Event) => unknown;
      element.addEventListener(name.slice(2).toLowerCase(), (event) => {
        const result = handler(event);
        if (result instanceof Promise) result.catch(reportError);
      });
    } else if (propertyAttributes.has(name) && name in element) {
      (element as unknown as Record<string, unknown>)[name] = value;
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
}

let lastId = 0;
/** A document-unique id, to tie labels, descriptions and error messages to their fields. */
export function uniqueId(prefix: string): string {
  lastId += 1;
  return `${prefix}-${lastId}`;
}
