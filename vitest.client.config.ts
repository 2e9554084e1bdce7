import { defineConfig } from 'vitest/config';

// Real-client tests (npm run test:client): Microsoft 365 Agents Playground in headless Chromium. Not in npm test.
export default defineConfig({
  test: {
    include: ['test/client/**/*.client.ts'],
    testTimeout: 60_000,
    hookTimeout: 90_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
