import { z } from 'zod';
import { ScenarioSchema } from './schema';

/** The JSON Schema (draft 2020-12) of scenario format v1, as mentors' editors consume it. */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ScenarioSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  return { ...schema, title: 'Firedrill scenario (format 1)' };
}
