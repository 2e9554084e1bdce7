export { installSlack, SLACK_EVENTS_PATH } from './install-slack.ts';
export { createSlackChannel } from './slack-channel.ts';
