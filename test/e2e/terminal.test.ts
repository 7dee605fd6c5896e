import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { indexedFixture } from '../helpers/index-in-process.js';
import { canRedraw, Output } from '../../src/cli/output.js';

// How the built CLI behaves at the edges of a terminal: a reader that closes the pipe early, a
// pseudo-terminal that reports no width, NO_COLOR.

const fixture = indexedFixture('index-basic');

/** Runs the CLI with its stdout closed before it writes a byte (a reader that went away). */
function withClosedStdout(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', CI: '1' } });
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

describe('a closed stdout (`codegraph … | head -1`)', () => {
  it('ends every command quietly, with its own exit code and no stack trace', async () => {
    const runs = await Promise.all([
      withClosedStdout(['query', 'MATCH (n) RETURN n.id', '--out', fixture.out]),
      withClosedStdout(['query', 'MATCH (n) RETURN n.id', '--out', fixture.out, '--json']),
      withClosedStdout(['stats', fixture.repo]),
      withClosedStdout(['validate', fixture.repo, '--json']),
      withClosedStdout(['index', fixture.repo, '--json']),
    ]);
    // The table's row count goes to stderr, as ever; nothing else is said.
    expect(runs.map((r) => [r.code, r.stderr])).toEqual([
      [0, '(24 rows)\n'],
      [0, ''],
      [0, ''],
      [0, ''],
      [0, ''],
    ]);
  });
});

// `script` gives the CLI a real pseudo-terminal whose size the test sets with stty.
const hasScript = spawnSync('script', ['--version']).status === 0;

function inTerminal(columns: number, env: Record<string, string>): { code: number | null; text: string; ms: number } {
  const t0 = performance.now();
  const command = `stty cols ${columns} rows 40; exec '${process.execPath}' '${BIN}' index '${fixture.repo}' --no-kuzu --no-incremental`;
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'CI' && key !== 'NO_COLOR' && !key.startsWith('CODEGRAPH_')));
  // A deadline, not a race: a spinner that cannot redraw used to write without end and never exit.
  const result = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8', env: { ...inherited, ...env }, timeout: 60_000, killSignal: 'SIGKILL' });
  return { code: result.status, text: result.stdout, ms: performance.now() - t0 };
}

describe.skipIf(!hasScript)('progress on a terminal', () => {
  it('degrades to plain lines when the terminal reports 0 columns, finishes, and leaves no lock', () => {
    const run = inTerminal(0, { NO_COLOR: '1' });
    expect(run.code).toBe(0);
    expect(run.text).toContain('parsing: started');
    expect(run.text).toContain('calls: done in');
    expect(run.text).not.toContain('\x1b');
    expect(run.text.length).toBeLessThan(10_000);
    expect(existsSync(path.join(fixture.out, '.lock'))).toBe(false);
  });

  it('draws a spinner on a usable terminal, in colour unless NO_COLOR is set', () => {
    const sgr = /\x1b\[[0-9;]*m/;
    const plain = inTerminal(100, { NO_COLOR: '1' });
    expect(plain.code).toBe(0);
    expect(plain.text).toContain('\x1b[?25l'); // the spinner hides the cursor while it draws
    expect(plain.text).toContain('✔ calls');
    expect(plain.text).not.toMatch(sgr);
    const coloured = inTerminal(100, {});
    expect(coloured.code).toBe(0);
    expect(coloured.text).toMatch(sgr);
  });
});

describe('Output', () => {
  it('draws a spinner only on a terminal of usable width, and never with --json, --quiet or CI', () => {
    const tty = (columns?: number) => ({ stdout: { isTTY: true }, stderr: { isTTY: true, ...(columns === undefined ? {} : { columns }) } });
    expect([0, 5, Number.NaN, undefined, 80].map((c) => new Output({}, {}, tty(c)).interactive)).toEqual([false, false, false, false, true]);
    expect(new Output({ json: true }, {}, tty(80)).interactive).toBe(false);
    expect(new Output({ quiet: true }, {}, tty(80)).interactive).toBe(false);
    expect(new Output({}, { CI: '1' }, tty(80)).interactive).toBe(false);
    expect(canRedraw({ isTTY: false, columns: 80 })).toBe(false);
    expect(new Output({}, { NO_COLOR: '1' }, tty(80)).errColor.level).toBe(0);
    expect(new Output({}, {}, tty(80)).errColor.level).toBe(1);
  });
});
