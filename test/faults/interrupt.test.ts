import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InterruptedError } from '../../src/errors.js';
import type { ProgressListener } from '../../src/model/phases.js';
import type { RunContext } from '../../src/orchestrator/run.js';
import { indexStores } from '../../src/storage/index-stores.js';
import { BIN } from '../helpers/cli.js';
import { generatedRepo } from '../helpers/generated-repo.js';
import { indexAsCli, indexedFixture, outputSnapshot } from '../helpers/index-in-process.js';
import { bySuite } from '../helpers/soak.js';

// Ctrl-C (or SIGTERM) at chosen moments of a run, in this process: the run must reject within a
// second of the abort, with its Kuzu process stopped, its staged files and lock gone, and the
// previous output byte for byte as it was. The moment is chosen by a progress event, not a timer.
const STOP_DEADLINE_MS = 1000;

const fixture = indexedFixture('index-basic');

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
  const error = await indexAsCli(fixture.repo, { incremental: false }, { ...moment(abort), signal: controller.signal }).then(
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
    const before = outputSnapshot(fixture.out);
    const { error, ms } = await stoppedAt(signal, (abort) => ({ listener: listener(abort) }));
    expect(error).toBeInstanceOf(InterruptedError);
    expect(error).toMatchObject({ signal, committed: false, message: `stopped by ${signal}` });
    expect(ms).toBeLessThan(STOP_DEADLINE_MS);
    expect(outputSnapshot(fixture.out)).toEqual(before);
    expect(readdirSync(fixture.out).filter((f) => f.startsWith('.'))).toEqual([]);
    expect(kuzuChildren()).toBe('');
  });

  it('SIGINT during the validation after the commit (fault injected: no Kuzu digest, so it compares row by row): the new output stays, reported as not validated', async () => {
    const before = outputSnapshot(fixture.out);
    // A row-by-row validation that never ends by itself: the signal comes while it runs.
    const { error, ms } = await stoppedAt('SIGINT', (abort) => ({
      validate: () => new Promise(() => abort()),
      stores: (setup) => indexStores(setup, { digestStatement: () => 'RETURN no_such_function()' }),
    }));
    expect(error).toMatchObject({ signal: 'SIGINT', committed: true });
    expect(ms).toBeLessThan(STOP_DEADLINE_MS);
    const after = outputSnapshot(fixture.out);
    expect(Object.keys(after)).toEqual(Object.keys(before));
    expect(after['report.json']).not.toBe(before['report.json']);
    expect(readdirSync(fixture.out).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});

describe('the built CLI stopped by a signal', () => {
  let big: string;
  let bigOut: string;
  beforeAll(async () => {
    big = generatedRepo(bySuite(150, 400));
    bigOut = path.join(big, '.codegraph');
    expect((await indexAsCli(big, { validate: false })).report.exitCode).toBe(0);
  });
  afterAll(() => rmSync(path.dirname(big), { recursive: true, force: true }));

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s once the run is under way: exit %i within the deadline, one line, the previous output byte-identical', async (signal, code) => {
    const before = outputSnapshot(bigOut);
    const child = spawn(process.execPath, [BIN, 'index', big, '--no-incremental'], { env: { ...process.env, NO_COLOR: '1', CI: '1' } });
    let stderr = '';
    let signalledAt = 0;
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      // The walk is done and parsing starts: the moment comes from the run, not from a timer.
      if (!signalledAt && stderr.includes('source files')) {
        signalledAt = performance.now();
        child.kill(signal);
      }
    });
    const exit = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(exit).toBe(code);
    expect(performance.now() - signalledAt).toBeLessThan(STOP_DEADLINE_MS);
    expect(stderr.split('\n').filter((line) => line.startsWith('error:'))).toEqual([`error: stopped by ${signal}; the previous output in ${bigOut} is unchanged`]);
    expect(outputSnapshot(bigOut)).toEqual(before);
  });
});
