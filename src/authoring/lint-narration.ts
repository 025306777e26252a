/**
 * FD414: an ending that tells more than it knows. An ending's title and text are shown whenever its
 * condition holds — a resolved ending whenever "fixed" and "verified" hold as the player declares,
 * a failed one whenever its "when" holds, a timeout whenever the clock runs out — and a variant's
 * whenever its own "when" also holds. So a sentence that names a player action or a fact which that
 * condition never tests claims something the run may not show: "the stuck orders were reprocessed"
 * in a resolved ending reached without reprocessing anything.
 *
 * What counts as naming something is kept narrow, so that a warning is worth reading:
 * - an action is named when one sentence holds every word of its label's head (the label up to a
 *   colon or parenthesis, without code-like words such as "v2.13" or "#482", and without small words
 *   like "the"), and that head has at least two words: "Reprocess stuck orders" is named by "the
 *   stuck orders were reprocessed";
 * - a fact is named when one sentence holds every word of its id: "orders_reprocessed" by "orders …
 *   reprocessed", "relapsed" by "relapsed". Facts nothing ever changes are left out: they are the same
 *   in every run.
 * Words are compared without case and without common endings (-s, -es, -ed, -ing, a final -e).
 *
 * A name is accepted when the condition tests it anywhere — directly, inside "all", "any" or "not",
 * or through a milestone — or, for an action, when it tests a fact that nothing but that action
 * changes, and for a fact, when it tests an action that changes it ("the flag was deleted" names
 * both the action and the fact it sets). A resolved ending also knows a
 * "resolve" action was completed. An ending's own title and text are shown only when no variant
 * applies, so they also know what a variant whose whole "when" is a single test tested; a variant
 * knows the same of the variants before it.
 */
import type { Path } from '../format/json-source';
import { forEachEffect } from '../format/references';
import type { Condition, Ending, Scenario } from '../format/schema';

export interface NarrationProblem {
  path: Path;
  message: string;
}

/** Words too common to tell one action or fact from another. */
const SMALL_WORDS = new Set(
  (
    'a an the and or of to in on at for from by with into onto as is are was were be been being it its this that these those ' +
    'you your we our us i my me they their them he his she her who what which when then than so but if not no yet just up ' +
    'do does did done has have had will would can could should may might let lets get got all any some each every'
  ).split(' '),
);

/** A word without its common endings, so "reprocessed" and "reprocess", "orders" and "order" meet. */
export function stem(word: string): string {
  let w = word.toLowerCase().replace(/['’]s$/, '');
  if (w.length <= 3) return w;
  if (/ie[sd]$/.test(w) && w.length > 4) return `${w.slice(0, -3)}y`;
  if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  else if (/(ss|sh|ch|x|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  if (/([b-df-hj-np-tv-z])\1$/.test(w) && !/(ll|ss|zz)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  return w;
}

/** The content words of a piece of text, stemmed; code-like words ("v2.13", "#482", "recap_v2") are left out when `prose` is false. */
function words(text: string, prose: boolean): string[] {
  const out: string[] = [];
  for (const raw of text.toLowerCase().split(/\s+/)) {
    if (!prose && /[\d_#@]|\w\.\w/.test(raw)) continue;
    for (const part of raw.split(/[^a-z0-9'’]+/)) {
      const w = part.replace(/^['’]+|['’]+$/g, '');
      if (w.length === 0 || SMALL_WORDS.has(w)) continue;
      out.push(stem(w));
    }
  }
  return out;
}

/** A player action or a fact, and the stemmed words that name it. */
interface Subject {
  kind: 'action' | 'fact';
  id: string;
  words: string[];
  /** How to say it in a message: `action "x" ("Label")`, `fact "y"`. */
  said: string;
}

function subjectsOf(scenario: Scenario): Subject[] {
  const subjects: Subject[] = [];
  for (const a of scenario.actions) {
    const head = a.label.split(/[:(]/)[0]!;
    const named = [...new Set(words(head, false))];
    if (named.length >= 2) subjects.push({ kind: 'action', id: a.id, words: named, said: `action "${a.id}" ("${a.label}")` });
  }
  const changed = changedFacts(scenario);
  for (const f of scenario.facts) {
    if (!changed.has(f.id)) continue;
    const named = [...new Set(words(f.id.replace(/[_-]+/g, ' '), false))];
    if (named.length >= 1) subjects.push({ kind: 'fact', id: f.id, words: named, said: `fact "${f.id}"` });
  }
  return subjects;
}

function changedFacts(scenario: Scenario): Set<string> {
  const changed = new Set<string>();
  forEachEffect(scenario, (e) => {
    if ('set' in e) changed.add(e.set);
    if ('add' in e) changed.add(e.add);
  });
  return changed;
}

/**
 * For each action, the facts that only it changes: what testing such a fact shows about the action
 * (orders_reprocessed, set by nothing but "Reprocess stuck orders"). A fact many things change, like
 * a verification an action resets, says nothing about any one of them.
 */
function signatureFacts(scenario: Scenario): Map<string, Set<string>> {
  const changers = new Map<string, Set<string>>();
  forEachEffect(scenario, (e, path) => {
    const fact = 'set' in e ? e.set : 'add' in e ? e.add : undefined;
    if (fact === undefined) return;
    const by = path[0] === 'actions' ? `action:${scenario.actions[path[1] as number]!.id}` : `other:${path.slice(0, 2).join('/')}`;
    if (!changers.has(fact)) changers.set(fact, new Set());
    changers.get(fact)!.add(by);
  });
  const out = new Map<string, Set<string>>(scenario.actions.map((a) => [a.id, new Set<string>()]));
  for (const [fact, by] of changers) {
    if (by.size !== 1) continue;
    const only = [...by][0]!;
    if (only.startsWith('action:')) out.get(only.slice('action:'.length))?.add(fact);
  }
  return out;
}

/** The facts an action's outcomes change. */
function factsChangedBy(action: Scenario['actions'][number]): Set<string> {
  const out = new Set<string>();
  for (const o of action.outcomes) {
    for (const e of o.effects) {
      if ('set' in e) out.add(e.set);
      if ('add' in e) out.add(e.add);
    }
  }
  return out;
}

/** What a condition tests: the facts and actions it reads anywhere, milestones followed. */
interface Tested {
  facts: Set<string>;
  actions: Set<string>;
}

function collect(scenario: Scenario, c: Condition | undefined, into: Tested, depth = 0): void {
  if (!c || depth > 24) return;
  if ('fact' in c) into.facts.add(c.fact);
  else if ('did' in c) into.actions.add(c.did);
  else if ('doing' in c) into.actions.add(c.doing);
  else if ('since' in c) {
    if (c.since.did) into.actions.add(c.since.did);
  } else if ('milestone' in c) collect(scenario, scenario.incident[c.milestone], into, depth + 1);
  else if ('all' in c) for (const x of c.all) collect(scenario, x, into, depth + 1);
  else if ('any' in c) for (const x of c.any) collect(scenario, x, into, depth + 1);
  else if ('not' in c) collect(scenario, c.not, into, depth + 1);
}

/** A variant whose whole condition is one test (or the negation of one): its absence says something too. */
function singleTest(c: Condition): boolean {
  const inner = 'not' in c ? c.not : c;
  return !('all' in inner || 'any' in inner || 'not' in inner || 'milestone' in inner);
}

/** What is known whenever an ending is shown at all. */
function endingBase(scenario: Scenario, ending: Ending): Tested {
  const known: Tested = { facts: new Set(), actions: new Set() };
  if (ending.kind === 'resolved') {
    collect(scenario, { milestone: 'fixed' }, known);
    collect(scenario, { milestone: 'verified' }, known);
    for (const a of scenario.actions) if (a.category === 'resolve') known.actions.add(a.id);
  } else if (ending.kind === 'failed') {
    collect(scenario, ending.when, known);
  }
  return known;
}

function copy(t: Tested): Tested {
  return { facts: new Set(t.facts), actions: new Set(t.actions) };
}

/** Splits prose into sentences, each as its set of stemmed words. */
function sentences(text: string): { text: string; words: Set<string> }[] {
  return text
    .split(/(?<=[.!?…])\s+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((s) => ({ text: s, words: new Set(words(s, true)) }));
}

const EXCERPT = 90;

function listOf(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function excerpt(sentence: string): string {
  return sentence.length <= EXCERPT ? sentence : `${sentence.slice(0, EXCERPT - 1).trimEnd()}…`;
}

/** When a text is told, as the end of a sentence. */
function toldWhen(ending: Ending, variant: number | null): string {
  if (variant !== null) {
    if (ending.kind === 'resolved') return `"fixed", "verified" and its "when" hold as the player declares`;
    if (ending.kind === 'failed') return `the ending's "when" and its own hold`;
    return `its "when" holds as the clock runs out`;
  }
  const unless = (ending.variants ?? []).length > 0 ? ' and no variant applies' : '';
  if (ending.kind === 'resolved') return `"fixed" and "verified" hold as the player declares${unless}`;
  if (ending.kind === 'failed') return `its "when" holds${unless}`;
  return `the clock runs out${unless}`;
}

export function checkNarration(scenario: Scenario): NarrationProblem[] {
  const problems: NarrationProblem[] = [];
  const subjects = subjectsOf(scenario);
  const changedBy = signatureFacts(scenario);
  const changes = new Map(scenario.actions.map((a) => [a.id, factsChangedBy(a)]));

  const accepted = (s: Subject, known: Tested): boolean => {
    if (s.kind === 'action') {
      if (known.actions.has(s.id)) return true;
      for (const f of changedBy.get(s.id) ?? []) if (known.facts.has(f)) return true;
      return false;
    }
    if (known.facts.has(s.id)) return true;
    for (const a of known.actions) if (changes.get(a)?.has(s.id)) return true;
    return false;
  };

  /** One warning per sentence, naming everything in it that its condition does not test. */
  const check = (text: string, known: Tested, path: Path, ending: Ending, variant: number | null, field: 'title' | 'text') => {
    for (const sentence of sentences(text)) {
      const named = subjects.filter((s) => s.words.every((w) => sentence.words.has(w)) && !accepted(s, known));
      if (named.length === 0) continue;
      const where = variant === null ? `Ending "${ending.id}"` : `Variant ${variant + 1} of ending "${ending.id}"`;
      problems.push({
        path,
        message: `${where}'s ${field} names ${listOf(named.map((s) => s.said))} in "${excerpt(sentence.text)}", but it is told whenever ${toldWhen(ending, variant)}, and none of that tests ${named.length === 1 ? 'it' : 'them'}.`,
      });
    }
  };

  scenario.endings.forEach((ending, i) => {
    const base = endingBase(scenario, ending);
    const variants = ending.variants ?? [];
    // What the variants before each one (and, at the end, all of them) tested with a single test.
    const passed = copy(base);
    variants.forEach((v, j) => {
      const known = copy(passed);
      collect(scenario, v.when, known);
      if (v.title !== undefined) check(v.title, known, ['endings', i, 'variants', j, 'title'], ending, j, 'title');
      check(v.text, known, ['endings', i, 'variants', j, 'text'], ending, j, 'text');
      if (singleTest(v.when)) collect(scenario, v.when, passed);
    });
    check(ending.title, passed, ['endings', i, 'title'], ending, null, 'title');
    check(ending.text, passed, ['endings', i, 'text'], ending, null, 'text');
  });
  return problems;
}
