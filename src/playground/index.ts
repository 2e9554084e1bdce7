export { installPlayground, PLAYGROUND_PATH } from './install-playground.ts';
export { preparePlayground } from './sample-migration.ts';
