import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

// `npm run test:soak`: the fault tests at full size (test/helpers/soak.ts): 50 random kills, a
// 2,000-file fuzz corpus, a 5 MB line and 50,000 levels of nesting, larger generated repositories.
export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: ['test/faults/**/*.test.ts'],
      env: { CODEGRAPH_SOAK: '1' },
      testTimeout: 1_800_000,
    },
  }),
);
