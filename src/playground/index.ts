export { createPlaygroundEdge, PLAYGROUND_PATH } from './playground-edge.ts';
export { preparePlayground } from './sample-migration.ts';
