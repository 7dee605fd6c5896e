import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

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
