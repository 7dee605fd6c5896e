import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { indexInProcess } from '../helpers/index-in-process.js';
import { git as gitIn } from '../helpers/git.js';
import { makeTempDir, removeDir } from '../helpers/temp-repo.js';
import { copyRepo, edit } from '../unit/diff/diff-helpers.js';

const scratch = makeTempDir('codegraph-e2e-diff-');
afterAll(() => removeDir(scratch));

/** An output folder to diff, indexed in this process: the CLI under test here is diff, not index. */
async function indexed(name: string, change: (repo: string) => void = () => {}): Promise<string> {
  const repo = copyRepo('diff-shop', path.join(scratch, name));
  change(repo);
  const out = path.join(scratch, `${name}-out`);
  await indexInProcess(repo, out);
  return out;
}

const git = (repo: string, ...args: string[]): string => gitIn(scratch, repo, ...args);

describe('codegraph diff (built CLI)', () => {
  it('compares two output folders: one JSON document with --json, a markdown comment with --format markdown, exit 0', async () => {
    const base = await indexed('base');
    const head = await indexed('head', (repo) => edit(repo, 'src/util.ts', (t) => `${t}\nexport function mean(values: number[]): number {\n  return total(values) / values.length;\n}\n`));
    const json = runCli(['diff', base, head, '--json']);
    expect(json.code, json.stderr).toBe(0);
    const diff = JSON.parse(json.stdout);
    expect(diff.definitions.added.map((s: { id: string }) => s.id)).toEqual(['Function:src/util.ts:mean']);
    expect(diff.relationships.CALLS.added.map((e: { source: { id: string }; target: { id: string } }) => `${e.source.id} -> ${e.target.id}`)).toEqual([
      'Function:src/util.ts:mean -> Function:src/util.ts:total',
    ]);
    expect(diff.unchanged).toBe(false);
    const md = runCli(['diff', base, head, '--format', 'markdown']);
    expect(md.code).toBe(0);
    expect(md.stdout.split('\n').slice(0, 3)).toEqual(['### codegraph diff', '', `\`${base}\` → \`${head}\`: **definitions +1 -0 moved 0, CALLS +1 -0, impact 2 (depth 3)**`]);
    const same = runCli(['diff', base, base]);
    expect([same.code, same.stdout]).toEqual([0, `codegraph diff ${base} -> ${base}: no change\n`]);
  });

  it('exits 2 in one line for a missing output, an output of graph format version 1, and a wrong number of folders', async () => {
    const base = await indexed('old');
    const missing = runCli(['diff', base, path.join(scratch, 'nowhere')]);
    expect([missing.code, missing.stdout, missing.stderr]).toEqual([2, '', `error: no such output folder: ${path.join(scratch, 'nowhere')} (run codegraph index first)\n`]);
    const file = path.join(base, 'graph.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^\{\n {2}"version": 2,/, '{\n  "version": 1,'));
    const old = runCli(['diff', base, base, '--json']);
    expect([old.code, old.stdout, old.stderr]).toEqual([2, '', `error: ${file} is graph format version 1, from an older codegraph; this one reads version 2: re-run codegraph index to rebuild it\n`]);
    const one = runCli(['diff', base]);
    expect([one.code, one.stderr]).toEqual([2, 'error: diff needs two output folders, <base-out> <head-out>, or --base <git-rev> [repo]\n']);
  });

  it('--base indexes a git revision from git archive, runs no hook, reuses it, and compares it with the working tree', () => {
    const repo = copyRepo('diff-shop', path.join(scratch, 'git'));
    git(repo, 'init', '-q');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'base');
    // A checkout would run this hook; --base must never run anything of the repository.
    const hook = path.join(repo, '.git', 'hooks', 'post-checkout');
    writeFileSync(hook, `#!/bin/sh\ntouch "${path.join(scratch, 'HOOK_RAN')}"\n`);
    chmodSync(hook, 0o755);
    const commit = git(repo, 'rev-parse', 'HEAD').trim();

    const noKuzu = { env: { CODEGRAPH_KUZU: '0' } }; // the working tree's index, as `index` would make it, without Kuzu
    const clean = runCli(['diff', '--base', 'HEAD', repo, '--json'], noKuzu);
    expect(clean.code, clean.stderr).toBe(0);
    expect(JSON.parse(clean.stdout)).toMatchObject({ unchanged: true, base: { label: `HEAD (${commit.slice(0, 12)})`, root: 'diff-shop' }, head: { label: 'working tree', root: 'diff-shop' } });
    expect(clean.stderr).toContain(`extracted HEAD (${commit.slice(0, 12)}) in ${path.join(repo, '.codegraph', 'base', commit, 'diff-shop')}`);

    edit(repo, 'src/shapes.ts', (t) => t.replace('class Square implements Shape {', 'class Square {'));
    const changed = runCli(['diff', '--base', 'HEAD', repo], noKuzu);
    expect(changed.code, changed.stderr).toBe(0);
    expect(changed.stderr).toContain(`reusing HEAD (${commit.slice(0, 12)})`);
    expect(changed.stdout.split('\n').slice(0, 4)).toEqual([
      `codegraph diff HEAD (${commit.slice(0, 12)}) -> working tree: definitions +0 -0 moved 0, IMPLEMENTS +0 -1, impact 3 (depth 3)`,
      '',
      'IMPLEMENTS removed (1)',
      '  Square (src/shapes.ts) -> Shape (src/shapes.ts)',
    ]);
    expect(existsSync(path.join(scratch, 'HOOK_RAN'))).toBe(false);
    // The revision's files are a plain extraction, not a git work tree.
    expect(existsSync(path.join(repo, '.codegraph', 'base', commit, 'diff-shop', '.git'))).toBe(false);

    const bad = runCli(['diff', '--base', 'no-such-rev', repo], noKuzu);
    expect([bad.code, bad.stderr]).toEqual([2, `error: --base: 'no-such-rev' is not a commit of the git repository at ${repo}\n`]);
  });
});
