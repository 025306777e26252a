/** Team mode's server: the pure room core, the Colyseus room around it, and the server that mounts it. */
export { createTeamServer, type TeamServer } from './team-server';
export { CLOSE_SEAT_TAKEN } from './team-room';
/** @public vite.config.ts loads the server by URL at run time, which knip cannot follow. */
export { loadScenarioFolder } from './scenarios';
export * as roomCore from './room-core';
