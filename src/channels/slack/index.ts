export { createSlackEdge, SLACK_EVENTS_PATH } from './slack-edge.ts';
export { createSlackChannel } from './slack-channel.ts';
