/**
 * HTML built from elements, so that what goes in is escaped: names, event titles and an
 * organizer's reasons are user input. Text children and attribute values are escaped;
 * `SafeHtml` (what `h` made) is kept as it is.
 *
 *   h('p', { style: 'margin:0' }, 'Hi ', name, ',')   // <p style="margin:0">Hi &lt;b&gt;Eve&lt;/b&gt;,</p>
 *
 * (Elements rather than an html`...` tag: in src/ a tagged template is taken for SQL, .ci/sql-placement.mjs.)
 */

/** Markup this module built, to be inserted as is. */
export class SafeHtml {
  constructor(readonly markup: string) {}
}

export type Child = SafeHtml | string | number | readonly Child[];

/** Attribute values by name; an undefined one is left out. */
export type Attributes = Record<string, string | number | undefined>;

/** Elements without content or end tag. */
const VOID = new Set(['br', 'img', 'meta']);

/** The element `tag` (a name from code, never from input) with its attributes and children, escaped. */
export function h(tag: string, attributes: Attributes = {}, ...children: Child[]): SafeHtml {
  const written = Object.entries(attributes)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeHtml(String(value))}"`)
    .join('');
  return new SafeHtml(VOID.has(tag) ? `<${tag}${written}>` : `<${tag}${written}>${markupOf(children)}</${tag}>`);
}

/** A whole document: the doctype, then `root`. */
export function htmlDocument(root: SafeHtml): string {
  return `<!doctype html>\n${root.markup}\n`;
}

/** Siblings, a line each, so the message's source stays readable. */
export function lines(...children: Child[]): SafeHtml {
  return new SafeHtml(children.map(markupOf).join('\n'));
}

/** Text with the characters HTML gives a meaning to replaced by entities, for element content and quoted attributes alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ENTITIES[character]!);
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function markupOf(child: Child): string {
  if (child instanceof SafeHtml) return child.markup;
  if (Array.isArray(child)) return child.map(markupOf).join('');
  return escapeHtml(String(child));
}
