export { installTeams } from './install.ts';
export { createTeamsChannel } from './teams-channel.ts';
export { createTeamsAdapter } from './adapter.ts';
export { mapTeamsError } from './map-error.ts';
