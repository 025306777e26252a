/**
 * Finds where a path's value (or its key) starts in JSON text that JSON.parse has already read and
 * that repeats no key, by walking the text along the path and skipping everything else. Most files
 * ask for a handful of positions, so this is cheaper than building a tree of every value.
 */
/** A path into a JSON value: keys and array indexes. */
type Path = readonly (string | number)[];

/** Offsets along a path: the deepest value that exists, its key (reached through an object), and whether the whole path exists. */
export interface Located {
  value: number;
  key: number | undefined;
  complete: boolean;
}

export function locate(text: string, path: Path): Located {
  let at = skipSpace(text, 0);
  let key: number | undefined;
  for (const segment of path) {
    const c = text.charCodeAt(at);
    const found =
      c === 123 && typeof segment === 'string'
        ? memberOf(text, at, segment)
        : c === 91 && typeof segment === 'number'
          ? elementOf(text, at, segment)
          : undefined;
    if (!found) return { value: at, key, complete: false };
    at = found.value;
    key = found.key;
  }
  return { value: at, key, complete: true };
}

/** The member of the object at `at` whose key is `name`. */
function memberOf(text: string, at: number, name: string): { value: number; key: number } | undefined {
  let i = skipSpace(text, at + 1);
  while (text.charCodeAt(i) === 34) {
    const keyStart = i;
    const keyEnd = stringEnd(text, i);
    const raw = text.slice(keyStart + 1, keyEnd - 1);
    const matches = raw.includes('\\') ? JSON.parse(text.slice(keyStart, keyEnd)) === name : raw === name;
    i = skipSpace(text, skipSpace(text, keyEnd) + 1); // past the colon
    if (matches) return { value: i, key: keyStart };
    i = skipSpace(text, valueEnd(text, i));
    if (text.charCodeAt(i) !== 44) return undefined; // the closing brace
    i = skipSpace(text, i + 1);
  }
  return undefined;
}

/** The element of the array at `at` with this index. */
function elementOf(text: string, at: number, index: number): { value: number; key: undefined } | undefined {
  let i = skipSpace(text, at + 1);
  if (text.charCodeAt(i) === 93) return undefined;
  for (let n = 0; ; n++) {
    if (n === index) return { value: i, key: undefined };
    i = skipSpace(text, valueEnd(text, i));
    if (text.charCodeAt(i) !== 44) return undefined;
    i = skipSpace(text, i + 1);
  }
}

/** Just past the value starting at `at`. */
function valueEnd(text: string, at: number): number {
  const c = text.charCodeAt(at);
  if (c === 34) return stringEnd(text, at);
  if (c === 123 || c === 91) {
    let depth = 0;
    for (let i = at; i < text.length; i++) {
      const d = text.charCodeAt(i);
      if (d === 34) i = stringEnd(text, i) - 1;
      else if (d === 123 || d === 91) depth++;
      else if ((d === 125 || d === 93) && --depth === 0) return i + 1;
    }
    return text.length;
  }
  let i = at;
  while (i < text.length) {
    const d = text.charCodeAt(i);
    if (d === 44 || d === 125 || d === 93 || isSpace(d)) break;
    i++;
  }
  return i;
}

/** Just past the closing quote of the string starting at `at`. */
function stringEnd(text: string, at: number): number {
  for (let i = at + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 34) return i + 1;
  }
  return text.length;
}

function skipSpace(text: string, at: number): number {
  let i = at;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** JSON's whitespace; this walker only reads text JSON.parse accepted. */
function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}
