import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

/** A repository written into a fresh temp folder: `{ 'src/a.ts': '...', 'link': { symlink: '../x' } }`. */
export type TreeSpec = Record<string, string | Buffer | { symlink: string }>;

export function makeTempDir(prefix = 'codegraph-test-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

export function writeTree(root: string, tree: TreeSpec): string {
  mkdirSync(root, { recursive: true });
  for (const [rel, content] of Object.entries(tree)) {
    const abs = path.join(root, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    if (typeof content === 'object' && !Buffer.isBuffer(content)) symlinkSync(content.symlink, abs);
    else writeFileSync(abs, content);
  }
  return root;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * A maker of fresh temp folders, each removed after the test that made it. Call it at a test file's
 * top level (it registers the file's afterEach).
 */
export function tempDirsPerTest(prefix?: string): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) removeDir(dir);
  });
  return () => {
    const dir = makeTempDir(prefix);
    dirs.push(dir);
    return dir;
  };
}
