/** Team mode's server: the pure room core, the Colyseus room around it, and the server that mounts it. */
export { createTeamServer, MAX_PAYLOAD_BYTES, type TeamServer, type TeamServerOptions } from './team-server';
export { teamRoomClass, CLOSE_SEAT_TAKEN, DEFAULT_ROOM_CONFIG, type TeamRoomConfig } from './team-room';
export { loadScenarioFolder } from './scenarios';
export * as roomCore from './room-core';
