export { createTeamsEdge, TEAMS_MESSAGES_PATH } from './teams-edge.ts';
export { createTeamsChannel } from './teams-channel.ts';
export { createTeamsAdapter } from './adapter.ts';
export { mapTeamsError } from './map-error.ts';
