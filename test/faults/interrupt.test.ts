import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InterruptedError } from '../../src/errors.js';
import type { ProgressListener } from '../../src/model/phases.js';
import type { RunContext } from '../../src/pipeline/run.js';
import { copyFixture } from '../helpers/cli.js';
import { indexInProcess, outputSnapshot } from '../helpers/index-run.js';

// Ctrl-C (or SIGTERM) at chosen moments of a run, in this process: the run must reject within a
// second of the abort, with its Kuzu process stopped, its staged files and lock gone, and the
// previous output byte for byte as it was. The moment is chosen by a progress event, not a timer.
const STOP_DEADLINE_MS = 1000;

let repo: string;
let out: string;
beforeAll(async () => {
  repo = copyFixture('index-basic');
  out = path.join(repo, '.codegraph');
  expect((await indexInProcess(repo)).report.exitCode).toBe(0);
});
afterAll(() => rmSync(path.dirname(repo), { recursive: true, force: true }));

/** Children of this process still running the Kuzu loader. */
const kuzuChildren = (): string => spawnSync('pgrep', ['-P', String(process.pid), '-f', 'kuzu-process'], { encoding: 'utf8' }).stdout.trim();

/** Runs the index, aborting with `signal` when `moment` calls abort; the error and the ms from abort to rejection. */
async function stoppedAt(signal: 'SIGINT' | 'SIGTERM', moment: (abort: () => void) => RunContext) {
  const controller = new AbortController();
  let abortedAt = 0;
  const abort = (): void => {
    if (abortedAt) return;
    abortedAt = performance.now();
    controller.abort(signal);
  };
  const error = await indexInProcess(repo, { incremental: false }, { ...moment(abort), signal: controller.signal }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(abortedAt, 'the chosen moment came').toBeGreaterThan(0);
  return { error, ms: performance.now() - abortedAt };
}

describe('a run stopped by a signal', () => {
  it.each([
    ['SIGINT', 'after the walk', (abort: () => void): ProgressListener => ({ onFilesFound: abort })],
    ['SIGTERM', 'mid-parse', (abort: () => void): ProgressListener => ({ onPhaseProgress: (phase, done) => phase === 'parsing' && done === 1 && abort() })],
    ['SIGINT', 'mid-load (the first phase is loading into Kuzu)', (abort: () => void): ProgressListener => ({ onPhaseEnd: (phase) => phase === 'structure' && abort() })],
    ['SIGTERM', 'while the stores finish', (abort: () => void): ProgressListener => ({ onPhaseEnd: (phase) => phase === 'calls' && abort() })],
  ] as const)('%s %s: stops within the deadline and leaves the previous output byte-identical', async (signal, _moment, listener) => {
    const before = outputSnapshot(out);
    const { error, ms } = await stoppedAt(signal, (abort) => ({ listener: listener(abort) }));
    expect(error).toBeInstanceOf(InterruptedError);
    expect(error).toMatchObject({ signal, committed: false, message: `stopped by ${signal}` });
    expect(ms).toBeLessThan(STOP_DEADLINE_MS);
    expect(outputSnapshot(out)).toEqual(before);
    expect(readdirSync(out).filter((f) => f.startsWith('.'))).toEqual([]);
    expect(kuzuChildren()).toBe('');
  });

  it('SIGINT during the validation after the commit: the new output stays, reported as not validated', async () => {
    const before = outputSnapshot(out);
    // A validation that never ends by itself: the signal comes while it runs.
    const { error, ms } = await stoppedAt('SIGINT', (abort) => ({ validate: () => new Promise(() => abort()) }));
    expect(error).toMatchObject({ signal: 'SIGINT', committed: true });
    expect(ms).toBeLessThan(STOP_DEADLINE_MS);
    const after = outputSnapshot(out);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    expect(after['report.json']).not.toBe(before['report.json']);
    expect(readdirSync(out).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});
