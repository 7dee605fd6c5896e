import { spawn } from 'node:child_process';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';

export interface Snapshot {
  /** The full commit id the revision names. */
  readonly commit: string;
  /** The folder holding the repository's files at that commit (the repository folder's part of them). */
  readonly dir: string;
  /** Extracted by an earlier run and reused. */
  readonly reused: boolean;
}

/**
 * The files of `repo` at git revision `rev`, extracted into `<cacheRoot>/<commit>/<name>` by
 * `git archive | tar -x`: only the committed content is written; no checkout, no hooks, no
 * install, nothing of the repository is run. A commit's files never change, so an extracted
 * commit is reused. `repo` may be a folder inside the work tree: its part of the commit is taken.
 */
export async function gitSnapshot(repo: string, rev: string, cacheRoot: string, name: string): Promise<Snapshot> {
  const inside = await git(repo, ['rev-parse', '--show-prefix']).catch(() => undefined);
  if (inside === undefined) throw new UsageError(`${repo} is not inside a git work tree: --base needs a git repository`);
  const commit = await git(repo, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]).catch(() => undefined);
  if (!commit) throw new UsageError(`--base: '${rev}' is not a commit of the git repository at ${repo}`);
  const dir = path.join(cacheRoot, commit, name);
  if (await isFolder(dir)) return { commit, dir, reused: true };
  const staged = `${dir}.${process.pid}.tmp`;
  await rm(staged, { recursive: true, force: true });
  await mkdir(staged, { recursive: true });
  try {
    const prefix = inside.replace(/\/$/, '');
    await archiveInto(repo, prefix ? `${commit}:${prefix}` : commit, staged);
    await rename(staged, dir);
  } catch (error) {
    await rm(staged, { recursive: true, force: true });
    if (await isFolder(dir)) return { commit, dir, reused: true }; // another run extracted it meanwhile
    throw error;
  }
  return { commit, dir, reused: false };
}

async function isFolder(dir: string): Promise<boolean> {
  return (await stat(dir).catch(() => undefined))?.isDirectory() ?? false;
}

function git(cwd: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['-C', cwd, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', (error) => reject(new UsageError(`cannot run git: ${error.message}`)));
    child.on('close', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(err.trim() || `git ${args[0]} exited with ${code}`))));
  });
}

/** `git archive <tree> | tar -x -C <dir>`, both without a shell. */
function archiveInto(repo: string, tree: string, dir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const archive = spawn('git', ['-C', repo, 'archive', '--format=tar', tree], { stdio: ['ignore', 'pipe', 'pipe'] });
    const tar = spawn('tar', ['-x', '-f', '-', '-C', dir], { stdio: ['pipe', 'ignore', 'pipe'] });
    archive.stdout.pipe(tar.stdin);
    let err = '';
    archive.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    tar.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    let pending = 2;
    let failed: string | undefined;
    const done = (what: string) => (code: number | null) => {
      if (code !== 0) failed ??= `${what} exited with ${code}: ${err.trim()}`;
      if (--pending === 0) {
        if (failed) reject(new UsageError(`--base: cannot extract ${tree}: ${failed}`));
        else resolve();
      }
    };
    archive.on('error', (error) => reject(new UsageError(`cannot run git: ${error.message}`)));
    tar.on('error', (error) => reject(new UsageError(`cannot run tar: ${error.message}`)));
    archive.on('close', done('git archive'));
    tar.on('close', done('tar'));
  });
}
