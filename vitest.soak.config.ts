import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

// `npm run test:soak`: the fault tests alone, at full size (test/helpers/soak.ts): 50 random kills,
// a 2,000-file fuzz corpus, a 5 MB line and 50,000 levels of nesting, larger generated repositories.
// (Not mergeConfig: it would add this include to the base one and run every test.)
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['test/faults/**/*.test.ts'],
    env: { CODEGRAPH_SOAK: '1' },
    testTimeout: 1_800_000,
  },
});
