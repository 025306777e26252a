/**
 * The position walker (src/format/json-locate.ts) against jsonc-parser's tree, which the full parse
 * uses: for values all over the flagship, in its committed layout and squeezed onto one line, and for
 * paths that do not exist, both give the same offsets.
 */
import { readFileSync } from 'node:fs';
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { locate } from '../../src/format/json-locate';
import type { Path } from '../../src/format/json-source';

const FLAGSHIP = readFileSync(new URL('../../scenarios/friday-deploy.json', import.meta.url), 'utf8');

/** What the tree says: the deepest node that exists on the path, its key's offset, and whether the whole path exists. */
function fromTree(root: Node, path: Path): { value: number; key: number | undefined; complete: boolean } {
  for (let n = path.length; n >= 0; n--) {
    const node = findNodeAtLocation(root, [...path.slice(0, n)]);
    if (!node) continue;
    return { value: node.offset, key: node.parent?.type === 'property' ? node.parent.offset : undefined, complete: n === path.length };
  }
  throw new Error('the root always exists');
}

function everyPath(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (Array.isArray(value)) value.forEach((item, i) => everyPath(item, [...path, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) everyPath(v, [...path, k], out);
  return out;
}

describe('the position walker', () => {
  for (const [layout, text] of [
    ['as committed', FLAGSHIP],
    ['on one line', JSON.stringify(JSON.parse(FLAGSHIP))],
    // Stringified text has no raw line break inside a string, so these only touch the structure.
    ['with odd spacing', JSON.stringify(JSON.parse(FLAGSHIP), null, '\t').replace(/,\n/g, ' \r\n\t, ')],
  ] as const) {
    it(`finds values all over the flagship where the tree does (${layout})`, () => {
      const root = parseTree(text)!;
      // Every 5th path of thousands: each lookup walks the text, so all of them would cost seconds.
      const paths = everyPath(JSON.parse(text)).filter((_, i) => i % 5 === 0);
      expect(paths.length).toBeGreaterThan(400);
      const wrong = paths.filter((p) => JSON.stringify(locate(text, p)) !== JSON.stringify(fromTree(root, p)));
      expect(wrong.slice(0, 5)).toEqual([]);
    });
  }

  it('stops at the nearest ancestor for a path that does not exist, as the tree does', () => {
    const root = parseTree(FLAGSHIP)!;
    const paths: Path[] = [
      ['nope'],
      ['actions', 9999],
      ['actions', 0, 'nope'],
      ['actions', '0'],
      ['clock', 0],
      ['title', 'x'],
      ['actions', 0, 'outcomes', 0, 'effects', 0, 'deeper', 1],
    ];
    for (const p of paths) expect(locate(FLAGSHIP, p), JSON.stringify(p)).toEqual(fromTree(root, p));
    expect(locate(FLAGSHIP, ['nope']).complete).toBe(false);
  });

  it('matches keys written with escapes and values holding quotes, brackets and commas', () => {
    const text = '{"a\\u0062": {"x": "}],\\"[{", "y": [1, {"z": [true, null, -1.5e3]}]}, "": 0, "\\"q": [ ] }';
    const root = parseTree(text)!;
    const paths: Path[] = [['ab'], ['ab', 'x'], ['ab', 'y', 1, 'z', 2], [''], ['"q'], ['"q', 0], ['ab', 'y', 2]];
    for (const p of paths) expect(locate(text, p), JSON.stringify(p)).toEqual(fromTree(root, p));
    expect(locate(text, ['ab', 'y', 1, 'z', 2]).complete).toBe(true);
  });
});
