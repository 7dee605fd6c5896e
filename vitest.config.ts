import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { SummaryReporter } from './test/summary-reporter.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/fixtures/**', 'node_modules/**'],
    // Builds dist/ once when it is older than src/ (tests spawn the CLI and child processes).
    globalSetup: ['./test/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: on a 2-core machine, one file at a
    // time. Most files here wait on child processes (the CLI, Kuzu), so every core gets a file.
    maxWorkers: availableParallelism(),
    reporters: ['default', new SummaryReporter()],
  },
});
