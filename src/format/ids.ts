/** What an id looks like, shared by the scenario schema and the engine's input checks. */
export const ID_PATTERN = /^[a-z][a-z0-9_-]{0,63}$/;
