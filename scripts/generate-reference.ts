/**
 * Writes docs/scenario-reference.md: every field of scenario format 1 (and of action scripts), read
 * off the JSON Schema that the zod schema generates, so the reference cannot drift from the format.
 * `scenarioReference()` is what a unit test compares the committed file against.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { ID_PATTERN } from '../src/format/ids';
import { ActionScriptSchema } from '../src/authoring';
import { scenarioJsonSchema } from '../src/format';

/** The subset of JSON Schema that z.toJSONSchema produces for the scenario format. */
interface Node {
  type?: string;
  description?: string;
  default?: unknown;
  const?: unknown;
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, Node>;
  required?: string[];
  items?: Node;
  anyOf?: Node[];
  $ref?: string;
  $defs?: Record<string, Node>;
}

/** One block of the page: an object's table, or a union's forms. */
interface Section {
  kind: 'object' | 'union';
  anchor: string;
  /** Where it sits: "messages[].asks" for an object ("" for the top), "Condition" for a union. */
  path: string;
  title: string;
  depth: number;
  node: Node;
}

/** Integers that zod bounds only by the safe-integer range count as unbounded. */
const UNBOUNDED = Number.MAX_SAFE_INTEGER;
/** The Id type's own description, said once under "Ids" rather than on every reference. */
const ID_DESCRIPTION = 'A stable identifier: lower-case letters, digits, "-" or "_", starting with a letter.';

const code = (value: unknown) => `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``;
/** Table cells may not hold a bare "|" or a line break. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

const isId = (node: Node) => node.type === 'string' && node.pattern === ID_PATTERN.source;
const isObject = (node: Node | undefined): boolean => node?.type === 'object' && node.properties !== undefined;
const isObjectUnion = (node: Node | undefined): boolean => Boolean(node?.anyOf?.every(isObject));
const isEmptyObject = (value: unknown) =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;

/** The key that tells a form apart: its first field that not every form has. */
function distinctiveKey(form: Node, forms: Node[]): string {
  const keys = Object.keys(form.properties ?? {});
  return keys.find((k) => !forms.every((f) => f.properties?.[k] !== undefined)) ?? keys[0] ?? '?';
}

/**
 * Walks one JSON Schema and renders it. Objects become sections in document order, depth first; a
 * union of object forms (conditions, effects, script steps) becomes one section however often it is
 * used, named by its `$defs` entry or else by the field it first appears in, in the singular.
 */
class Walker {
  readonly sections: Section[] = [];
  private readonly unions = new Map<string, Section>();
  /** Fields with no description, named as on the page ("clock.weekday", "script:expect.minScore"). */
  readonly undescribed: string[] = [];

  constructor(
    private readonly root: Node,
    /** Prefixes anchors and field names, so two schemas can share one page. */
    private readonly prefix: string,
    private readonly topAnchor: string,
    /** How many levels below the page's own sections this schema's headings sit. */
    private readonly headingOffset: number,
  ) {}

  private heading(level: number): string {
    return '#'.repeat(Math.min(4, level + this.headingOffset));
  }

  /** Collects an object section and, depth first, the sections inside it. */
  object(node: Node, path: string, depth: number, title = code(path)): void {
    const anchor = this.prefix + (path.replace(/\[\]/g, '').replace(/[.$]/g, '-').replace(/^-+/, '') || this.topAnchor);
    this.sections.push({ kind: 'object', anchor, path, title, depth, node });
    for (const [field, child] of Object.entries(node.properties ?? {})) {
      const childPath = path ? `${path}.${field}` : field;
      if (isObject(child)) this.object(child, childPath, depth + 1);
      else if (child.type === 'array' && child.items && isObject(child.items)) this.object(child.items, `${childPath}[]`, depth + 1);
      // Registered here so that unions keep the order in which the format first uses them.
      else this.unionOf(child.type === 'array' && child.items ? child.items : child, field);
    }
  }

  /** The union a node is or refers to, registered on first sight; undefined for anything else. */
  unionOf(node: Node, field: string): Section | undefined {
    if (node.$ref) {
      const name = node.$ref.replace('#/$defs/', '');
      return this.union(this.root.$defs?.[name], name, name);
    }
    if (isObjectUnion(node)) {
      const name = field.replace(/s$/, '');
      return this.union(node, JSON.stringify(node.anyOf), name.charAt(0).toUpperCase() + name.slice(1));
    }
    return undefined;
  }

  private union(node: Node | undefined, key: string, name: string): Section | undefined {
    if (!node) return undefined;
    const known = this.unions.get(key);
    if (known) return known;
    const section: Section = { kind: 'union', anchor: `${this.prefix}${name.toLowerCase()}`, path: name, title: name, depth: 0, node };
    this.unions.set(key, section);
    return section;
  }

  get allUnions(): Section[] {
    return [...this.unions.values()];
  }

  /** The description of the thing at `path`, from its `.describe()` in the zod schema; a missing one is recorded. */
  describe(node: Node, path: string, field: string): string {
    let own = node.description ?? node.items?.description ?? '';
    // A reference to an id says what it refers to; the Id type's own text is said once, under "Ids".
    if (isId(node) && field !== 'id' && own === ID_DESCRIPTION) own = '';
    if (!own) this.undescribed.push(this.prefix.replace(/-$/, ':') + path);
    return own;
  }

  // --- rendering ------------------------------------------------------------------------------

  /** The type column: a word a mentor knows, enum values spelled out, links to sections. */
  private typeOf(node: Node, field: string, link?: string): string {
    if (link) return node.type === 'array' ? `list of [objects](#${link})` : `[object](#${link})`;
    const union = this.unionOf(node, field);
    if (union) return `[${union.title.toLowerCase()}](#${union.anchor})`;
    if (node.const !== undefined) return code(node.const);
    if (node.enum) return `one of ${node.enum.map(code).join(', ')}`;
    if (node.anyOf) return node.anyOf.map((n) => this.typeOf(n, field)).join(' or ');
    if (node.type === 'array' && node.items) {
      const items = this.unionOf(node.items, field);
      if (items) return `list of [${items.title.toLowerCase()}s](#${items.anchor})`;
      return `list of ${this.typeOf(node.items, field)}`;
    }
    if (isId(node)) return '[id](#ids)';
    if (node.type === 'string') return 'text';
    return node.type ?? 'any';
  }

  /** The rows of an object's table; `flatten` spells nested objects out as dotted rows (in forms). */
  private rows(node: Node, path: string, flatten: boolean, prefix = ''): string[] {
    const out: string[] = [];
    const required = new Set(node.required ?? []);
    for (const [field, child] of Object.entries(node.properties ?? {})) {
      const name = `${prefix}${field}`;
      const childPath = flatten ? `${path}.${name}` : path ? `${path}.${field}` : field;
      const own = flatten
        ? undefined
        : isObject(child)
          ? childPath
          : child.type === 'array' && isObject(child.items)
            ? `${childPath}[]`
            : undefined;
      const link = own === undefined ? undefined : this.sections.find((s) => s.kind === 'object' && s.path === own)?.anchor;
      const type = flatten && isObject(child) ? 'object' : this.typeOf(child, field, link);
      const description = this.describe(child, childPath, field) || '—';
      out.push(
        `| ${code(name)} | ${cell(type)} | ${presenceOf(child, required.has(field))} | ${cell(boundsOf(child))} | ${cell(description)} |`,
      );
      if (flatten && isObject(child)) out.push(...this.rows(child, path, true, `${name}.`));
    }
    return out;
  }

  renderObject(section: Section): string[] {
    const level = section.depth === 0 ? 2 - this.headingOffset : section.depth === 1 ? 2 : 3;
    const out = [`<a id="${section.anchor}"></a>`, '', `${this.heading(level)} ${section.title}`, ''];
    if (section.node.description) out.push(section.node.description, '');
    out.push(...TABLE_HEAD, ...this.rows(section.node, section.path, false), '');
    return out;
  }

  renderUnion(section: Section): string[] {
    const forms = section.node.anyOf ?? [];
    const noun = `${section.title}s`;
    const out = [`<a id="${section.anchor}"></a>`, '', `${this.heading(2)} ${noun}`, ''];
    const description = this.describe(section.node, section.path, '');
    if (description) out.push(description, '');
    out.push(
      `Each ${section.title.toLowerCase()} is an object in one of these forms, told apart by its distinctive key.`,
      'The other fields of a form are its companions.',
      '',
      '| form | companions | what it does |',
      '| --- | --- | --- |',
    );
    const described = forms.map((form) => {
      const key = distinctiveKey(form, forms);
      return { form, key, text: this.describe(form, `${section.path}[${key}]`, key) };
    });
    for (const { form, key, text } of described) {
      const companions = Object.keys(form.properties ?? {}).filter((k) => k !== key);
      out.push(`| [${code(key)}](#${section.anchor}-${key}) | ${companions.map(code).join(', ') || '—'} | ${cell(text || '—')} |`);
    }
    out.push('');
    for (const { form, key, text } of described) {
      out.push(`<a id="${section.anchor}-${key}"></a>`, '', `${this.heading(3)} ${code(key)}`, '');
      if (text) out.push(text, '');
      out.push(...TABLE_HEAD, ...this.rows(form, `${section.path}[${key}]`, true), '');
    }
    return out;
  }
}

const TABLE_HEAD = ['| field | type | required / default | bounds | description |', '| --- | --- | --- | --- | --- |'];

/** The bounds column: ranges, lengths, list sizes and patterns, as the schema states them. */
function boundsOf(node: Node): string {
  const parts: string[] = [];
  const range = (min: number | undefined, max: number | undefined, unit: string) => {
    const lo = min !== undefined && Math.abs(min) < UNBOUNDED ? min : undefined;
    const hi = max !== undefined && Math.abs(max) < UNBOUNDED ? max : undefined;
    if (lo !== undefined && hi !== undefined) parts.push(`${lo} to ${hi}${unit}`);
    else if (lo !== undefined) parts.push(`at least ${lo}${unit}`);
    else if (hi !== undefined) parts.push(`at most ${hi}${unit}`);
  };
  if (node.anyOf) {
    for (const n of node.anyOf) {
      const inner = boundsOf(n);
      const kind = n.type === 'string' ? 'text' : n.type === 'array' ? 'list' : n.type;
      if (inner) parts.push(node.anyOf.length > 1 ? `${kind}: ${inner}` : inner);
    }
    return parts.join('; ');
  }
  range(node.minimum, node.maximum, '');
  range(node.minLength, node.maxLength, ' characters');
  range(node.minItems, node.maxItems, ' entries');
  if (node.items && !node.items.anyOf && !isObject(node.items)) {
    const inner = boundsOf(node.items);
    if (inner) parts.push(`each ${inner}`);
  }
  if (node.pattern && !isId(node)) parts.push(`matches ${code(node.pattern)}`);
  return parts.join('; ');
}

/** The required / default column. */
function presenceOf(node: Node, required: boolean): string {
  if (required) return '**required**';
  if (node.default === undefined) return 'optional';
  if (isEmptyObject(node.default)) return 'optional (its fields have defaults)';
  return `default ${code(node.default)}`;
}

interface Rendered {
  body: string[];
  contents: string[];
  walker: Walker;
}

/** Renders one schema: its object sections, then its unions. */
function renderSchema(schema: Node, prefix: string, topAnchor: string, topTitle: string, headingOffset: number): Rendered {
  const walker = new Walker(schema, prefix, topAnchor, headingOffset);
  walker.object(schema, '', 0, topTitle);
  const body: string[] = [];
  const contents: string[] = [];
  for (const section of walker.sections) {
    body.push(...walker.renderObject(section));
    contents.push(`${'  '.repeat(Math.max(0, section.depth - 1))}- [${section.title}](#${section.anchor})`);
  }
  for (const section of walker.allUnions) {
    body.push(...walker.renderUnion(section));
    contents.push(`- [${section.title}s](#${section.anchor})`);
  }
  return { body, contents, walker };
}

function renderAll(): { markdown: string; walkers: Walker[] } {
  const scenario = renderSchema(scenarioJsonSchema() as Node, '', 'scenario', 'The scenario (top level)', 0);
  const scriptSchema = z.toJSONSchema(ActionScriptSchema, { io: 'input', target: 'draft-2020-12' }) as Node;
  const script = renderSchema(scriptSchema, 'script-', 'top', 'Action scripts', 1);
  const lines = [
    '# Scenario reference (format 1)',
    '',
    '<!-- Generated by scripts/generate-reference.ts from the zod schema. Do not edit by hand: run `npm run reference`. -->',
    '',
    'Every field a scenario file can have: its type, whether you must give it, its default, its bounds and what it',
    'means. This page is generated from the zod schema the game validates with (`src/format/schema.ts`), through',
    'the JSON Schema it exports (`scenarios/scenario.schema.json`). After changing the schema, run',
    '`npm run reference` (and `npm run schema`); a unit test fails while this page is out of date.',
    '',
    'New to the format? Start with the tutorial, [Writing a scenario](writing-scenarios.md). For how the engine uses',
    'these fields (milestones, scoring codes, diagnostics), read [Scenario format](scenario-format.md).',
    '',
    '## How to read the tables',
    '',
    '- **field**: the key in the JSON object. A path such as `messages[].asks` means the `asks` object inside each',
    '  entry of the `messages` list.',
    '- **type**: `text` is a JSON string, `integer` a whole number, `list of …` a JSON array, and `one of …` lists',
    '  the only values allowed. A link leads to the section on that object, condition or effect.',
    '- **required / default**: you must give a **required** field. You may leave out any other field; when it has',
    '  a default, the game fills that in.',
    '- **bounds**: the smallest and largest value, length or number of entries that `firedrill check` accepts.',
    '',
    '<a id="ids"></a>',
    '',
    '### Ids',
    '',
    `An **id** is ${ID_DESCRIPTION.charAt(0).toLowerCase()}${ID_DESCRIPTION.slice(1, -1)}, at most 64 characters long`,
    `(${code(ID_PATTERN.source)}). A field of type id that is not itself called \`id\` refers to something defined`,
    'elsewhere in the scenario (a fact, an action, a message…), and `firedrill check` reports the ones that are not.',
    '',
    '## Contents',
    '',
    ...scenario.contents,
    ...script.contents.map((line, i) => (i === 0 ? line : `  ${line}`)),
    '',
    ...scenario.body,
    '---',
    '',
    'Action scripts are not part of a scenario. They are test plans that `firedrill play` runs against one (see',
    '[Action scripts](scenario-format.md#action-scripts)); their format is generated here the same way.',
    '',
    ...script.body,
  ];
  const markdown = `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
  return { markdown, walkers: [scenario.walker, script.walker] };
}

/** The whole reference page, as Markdown. */
export function scenarioReference(): string {
  return renderAll().markdown;
}

/** The fields, forms and unions the page shows with no description: each needs a `.describe()` in the schema. */
export function undescribedFields(): string[] {
  return [...new Set(renderAll().walkers.flatMap((w) => w.undescribed))];
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const target = fileURLToPath(new URL('../docs/scenario-reference.md', import.meta.url));
  writeFileSync(target, scenarioReference());
  console.log(`wrote ${target}`);
  const undescribed = undescribedFields();
  if (undescribed.length > 0) console.log(`fields with no description: ${undescribed.join(', ')}`);
}
