/**
 * The layer rules in .dependency-cruiser.cjs catch what they are for: a fixture tree with one
 * deliberate violation per rule kind is cruised with the project's own rules. (`npm test` runs the
 * same rules over src/ through `npm run lint`.)
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cruise } from 'dependency-cruiser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const config = createRequire(import.meta.url)('../../.dependency-cruiser.cjs') as {
  forbidden: unknown[];
  options: Record<string, unknown>;
};

const FIXTURE: Record<string, string> = {
  'src/format/schema.ts': 'export const x = 1;\n',
  'src/format/uses-authoring.ts': "import { lint } from '../authoring/lint';\nexport const y = lint;\n",
  'src/authoring/lint.ts': "import { step } from '../engine/step';\nexport const lint = step;\n",
  'src/engine/step.ts': "import { x } from '../format/schema';\nexport const step = x;\n",
  'src/engine/uses-view.ts': "import { view } from '../ui/view';\nexport const z = view;\n",
  'src/store/uses-view.ts': "import { view } from '../ui/view';\nexport const w = view;\n",
  'src/store/ok.ts': "import { step } from '../engine/step';\nexport const v = step;\n",
  'src/ui/view.ts': "import { v } from '../store/ok';\nexport const view = v;\n",
  'src/net/uses-node.ts': "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n",
};

let dir = '';
let violations: { from: string; to: string; rule: string }[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'firedrill-layers-'));
  for (const [file, text] of Object.entries(FIXTURE)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  const { tsConfig: _tsConfig, ...options } = config.options;
  const result = await cruise(['src'], { ...options, baseDir: dir, validate: true, ruleSet: { forbidden: config.forbidden } } as never);
  const output = result.output as { summary: { violations: { from: string; to: string; rule: { name: string } }[] } };
  violations = output.summary.violations.map((v) => ({ from: v.from, to: v.to, rule: v.rule.name }));
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the layer rules', () => {
  it('refuse a view imported by the engine', () => {
    expect(violations).toContainEqual({ from: 'src/engine/uses-view.ts', to: 'src/ui/view.ts', rule: 'layer-engine' });
  });

  it('refuse the store importing a view', () => {
    expect(violations).toContainEqual({ from: 'src/store/uses-view.ts', to: 'src/ui/view.ts', rule: 'layer-store' });
  });

  it('refuse the format importing an authoring tool', () => {
    expect(violations).toContainEqual({ from: 'src/format/uses-authoring.ts', to: 'src/authoring/lint.ts', rule: 'layer-format' });
  });

  it('refuse Node built-ins below the server and the CLI', () => {
    expect(violations).toContainEqual({ from: 'src/net/uses-node.ts', to: 'fs', rule: 'node-only-at-the-edges' });
  });

  it('allow imports downwards, and report nothing else', () => {
    expect(violations).toHaveLength(4);
  });
});
