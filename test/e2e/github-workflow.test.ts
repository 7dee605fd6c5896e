// Runs the codegraph steps of examples/github-actions/codegraph.yml, exactly as written there, on a
// pull-request branch of a git repository made here (a clone, so origin/main exists as in CI).
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../helpers/cli.js';
import { gitEnv, git as gitIn } from '../helpers/git.js';
import { makeTempDir, removeDir } from '../helpers/temp-repo.js';
import { copyRepo, edit } from '../unit/diff/diff-helpers.js';

const scratch = makeTempDir('codegraph-e2e-workflow-');
afterAll(() => removeDir(scratch));
const WORKFLOW = readFileSync(path.join(ROOT, 'examples/github-actions/codegraph.yml'), 'utf8');

const git = (cwd: string, ...args: string[]): string => gitIn(scratch, cwd, ...args);

/** The job's `env:` entries (`KEY: "value"`, indented under the job). */
function jobEnv(yml: string): Record<string, string> {
  const block = /\n {4}env:\n((?: {6}.*\n)+)/.exec(yml)?.[1] ?? '';
  return Object.fromEntries([...block.matchAll(/^ {6}([A-Z_]+): "(.*)"$/gm)].map((m) => [m[1]!, m[2]!]));
}

describe('examples/github-actions/codegraph.yml', () => {
  it('its codegraph steps index the branch, write the diff as markdown, and fail the check on a new import cycle', () => {
    const runs = [...WORKFLOW.matchAll(/^\s+run: (.*)$/gm)].map((m) => m[1]!);
    const steps = runs.filter((r) => r.startsWith('codegraph '));
    expect(steps.map((s) => s.split(' ')[1])).toEqual(['index', 'diff', 'check']);
    const env = jobEnv(WORKFLOW);
    expect(env).toEqual({ CODEGRAPH_KUZU: '0' });

    // origin: the base branch, with a rule; the pull request adds an import cycle.
    const origin = copyRepo('diff-shop', path.join(scratch, 'origin'));
    writeFileSync(path.join(origin, 'codegraph.config.json'), '{ "rules": [{ "name": "no-cycles", "noCycles": true }] }\n');
    git(origin, 'init', '-q', '-b', 'main');
    git(origin, 'add', '.');
    git(origin, 'commit', '-q', '-m', 'base');
    const pr = path.join(scratch, 'pr');
    git(scratch, 'clone', '-q', origin, pr);
    git(pr, 'checkout', '-q', '-b', 'feature');
    edit(pr, 'src/util.ts', (t) => `import { describe } from './report.js';\n${t}\nexport function again(): string {\n  return describe([]);\n}\n`);
    git(pr, 'commit', '-q', '-am', 'a cycle');

    // `codegraph` on the PATH is the built CLI, as `npm install --global` would make it.
    const shims = path.join(scratch, 'bin');
    mkdirSync(shims);
    writeFileSync(path.join(shims, 'codegraph'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
    chmodSync(path.join(shims, 'codegraph'), 0o755);
    const results = steps.map((step) => {
      const command = step.replaceAll('${{ github.base_ref }}', 'main');
      expect(command).not.toContain('${{');
      const r = spawnSync('sh', ['-c', command], { cwd: pr, env: { ...gitEnv(scratch), ...env, PATH: `${shims}:${process.env['PATH']}`, NO_COLOR: '1', CI: 'true' }, encoding: 'utf8', timeout: 120_000 });
      return { code: r.status, stdout: r.stdout, stderr: r.stderr };
    });
    expect(results.map((r) => r.code)).toEqual([0, 0, 1]);
    const comment = readFileSync(path.join(pr, 'codegraph-diff.md'), 'utf8');
    const commit = git(pr, 'rev-parse', 'origin/main').trim().slice(0, 12);
    expect(comment.split('\n').slice(0, 7)).toEqual([
      '### codegraph diff',
      '',
      `\`origin/main (${commit})\` → \`working tree\`: **definitions +1 -0 moved 2, CALLS +1 -0, IMPORTS +1 -0, 1 new import cycle, impact 2 (depth 3)**`,
      '',
      '**new import cycles** (1)',
      '',
      '- `src/report.ts <-> src/util.ts`',
    ]);
    expect(results[2]!.stdout.split('\n').slice(0, 4)).toEqual(['check: FAILED, 1 rule broken, 1 new violation', '', 'no-cycles (noCycles): 1 violation', '  src/report.ts:1  import cycle: src/report.ts -> src/util.ts -> src/report.ts']);
  });
});
