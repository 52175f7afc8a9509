/**
 * Building DOM without innerHTML: every value from the API becomes text, never markup.
 */
export type Child = Node | string | number | null | undefined | false | readonly Child[];
type AttributeValue = string | number | boolean | null | undefined | ((event: Event) => void);

function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else if (child instanceof Node) parent.appendChild(child);
    else parent.appendChild(document.createTextNode(String(child)));
  }
}

function setAttributes(element: Element, attributes: Readonly<Record<string, AttributeValue>>): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, '').toLowerCase(), value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
}

/** An HTML element: `h('button', { type: 'button', onClick: … }, 'Approve')`. */
export function h<Tag extends keyof HTMLElementTagNameMap>(tag: Tag, attributes: Readonly<Record<string, AttributeValue>> = {}, ...children: Child[]): HTMLElementTagNameMap[Tag] {
  const element = document.createElement(tag);
  setAttributes(element, attributes);
  append(element, children);
  return element;
}

const svgNamespace = 'http://www.w3.org/2000/svg';

/** An SVG element, the same way. */
export function s<Tag extends keyof SVGElementTagNameMap>(tag: Tag, attributes: Readonly<Record<string, AttributeValue>> = {}, ...children: Child[]): SVGElementTagNameMap[Tag] {
  const element = document.createElementNS(svgNamespace, tag);
  setAttributes(element, attributes);
  append(element, children);
  return element;
}

/** Replaces an element's content. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

let idSequence = 0;
/** A document-unique id for label/aria wiring. */
export const uniqueId = (prefix: string) => `${prefix}-${++idSequence}`;

/** Says something to screen reader users (the polite live region) without moving focus. */
export function announce(message: string): void {
  const region = document.getElementById('announcer');
  if (!region) return;
  region.textContent = '';
  // A change the screen reader notices even when the same message comes twice.
  window.setTimeout(() => {
    region.textContent = message;
  }, 50);
}
