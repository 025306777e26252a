/** What an id looks like, shared by the scenario schema and the engine's input checks. */
export const ID_PATTERN = /^[a-z][a-z0-9_-]{0,63}$/;

/** True for a string usable as an id; "constructor" is refused because it names a built-in of every JS object. */
export function isValidId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value) && value !== 'constructor';
}
