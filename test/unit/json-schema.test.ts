import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema } from '../../src/format';

describe('the published JSON Schema', () => {
  it('is committed up to date with the zod schema (run `npm run schema` after changing it)', () => {
    const committed = JSON.parse(readFileSync(new URL('../../scenarios/scenario.schema.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(scenarioJsonSchema());
  });

  it('describes conditions once and refers to them', () => {
    const schema = scenarioJsonSchema() as { $defs?: Record<string, unknown> };
    // Only Condition: a described copy of the recursive union would split forms out as "__schemaN" defs.
    expect(Object.keys(schema.$defs ?? {})).toEqual(['Condition']);
    expect(JSON.stringify(schema)).toContain('"$ref":"#/$defs/Condition"');
  });
});
