import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeTempDir, removeDir } from '../helpers/temp-repo.js';
import { copyRepo } from '../unit/diff/diff-helpers.js';

const scratch = makeTempDir('codegraph-e2e-check-');
afterAll(() => removeDir(scratch));

function indexedRepo(name: string): string {
  const repo = copyRepo('check-rules', path.join(scratch, name));
  const result = runCli(['index', repo, '--no-kuzu', '--quiet']);
  expect(result.code, result.stderr).toBe(0);
  return repo;
}

describe('codegraph check (built CLI)', () => {
  it('exits 1 listing each violation with file and line', () => {
    const repo = indexedRepo('broken');
    const result = runCli(['check', repo]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      [
        'check: FAILED, 4 rules broken, 5 new violations',
        '',
        'ui-not-db (forbidden): 1 violation',
        '  src/ui/view.ts:1  imports src/db/query.ts (src/ui/** may not import src/db/**)',
        '',
        'no-cycles (noCycles): 1 violation',
        '  src/a.ts:1  import cycle: src/a.ts -> src/b.ts -> src/a.ts',
        '',
        'ui-calls (forbiddenCalls): 1 violation',
        '  src/ui/view.ts:4  render calls query in src/db/query.ts (src/ui/** may not call into src/db/**)',
        '',
        'reachable (noOrphans): 2 violations',
        '  src/db/query.ts:5  exported function vacuum: nothing calls it or imports it',
        '  src/unused.ts  nothing imports this file',
        '',
      ].join('\n'),
    );
  });

  it('--write-baseline records the violations; then check exits 0, and --json prints one document', () => {
    const repo = indexedRepo('baseline');
    const write = runCli(['check', repo, '--write-baseline']);
    expect([write.code, write.stdout]).toEqual([0, `wrote 5 known violations to ${path.join(repo, 'codegraph.baseline.json')}\n`]);
    expect(JSON.parse(readFileSync(path.join(repo, 'codegraph.baseline.json'), 'utf8')).violations).toHaveLength(5);
    const again = runCli(['check', repo]);
    expect([again.code, again.stdout.split('\n')[0]]).toEqual([0, 'check: 4 rules hold (5 known, in the baseline)']);
    const json = runCli(['check', repo, '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, newViolations: 0, knownViolations: 5, fixed: [] });
  });

  it('exits 2 in one line for a rule of an unknown shape, and when there is no index', () => {
    const repo = copyRepo('check-rules', path.join(scratch, 'bad'));
    writeFileSync(path.join(repo, 'codegraph.config.json'), JSON.stringify({ rules: [{ name: 'typo', forbiden: { from: 'a', to: 'b' } }] }));
    const bad = runCli(['check', repo]);
    expect([bad.code, bad.stdout, bad.stderr]).toEqual([
      2,
      '',
      'error: codegraph.config.json: rule \'typo\' has an unknown shape (forbiden); a rule is a "name" and one of forbidden, noCycles, forbiddenCalls, noOrphans\n',
    ]);
    const fresh = copyRepo('check-rules', path.join(scratch, 'unindexed'));
    const none = runCli(['check', fresh]);
    expect([none.code, none.stderr]).toEqual([2, `error: no such output folder: ${path.join(fresh, '.codegraph')} (run codegraph index first)\n`]);
    expect(existsSync(path.join(fresh, '.codegraph'))).toBe(false);
  });
});
