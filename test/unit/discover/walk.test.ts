import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import { walk } from '../../../src/discover/walk.js';
import { makeTempDir, removeDir, writeTree } from '../../helpers/temp-repo.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

async function walked(tree: Parameters<typeof writeTree>[1], options: { include?: string[]; exclude?: string[]; out?: string } = {}) {
  const root = writeTree(makeTempDir(), tree);
  dirs.push(root);
  const result = await walk({
    root,
    outDir: options.out ? path.join(root, options.out) : undefined,
    include: options.include ?? [],
    exclude: options.exclude ?? [],
  });
  return result.files.map((f) => `${f.relPath}:${f.language}`);
}

describe('walk', () => {
  it('finds every source extension (case-sensitive, as TypeScript does), sorted, with its grammar, and nothing else', async () => {
    expect(
      await walked({
        'b.ts': '', 'a.tsx': '', 'c.js': '', 'd.jsx': '', 'e.mjs': '', 'f.cjs': '', 'g.mts': '', 'h.cts': '',
        'types.d.ts': '', 'README.md': '', 'data.json': '{}', 'style.css': '', 'UPPER.TS': '',
      }),
    ).toEqual([
      'a.tsx:tsx', 'b.ts:typescript', 'c.js:javascript', 'd.jsx:javascript', 'e.mjs:javascript',
      'f.cjs:javascript', 'g.mts:typescript', 'h.cts:typescript', 'types.d.ts:typescript',
    ]);
  });

  it('always skips .git, node_modules (at any depth) and the output folder', async () => {
    expect(
      await walked(
        {
          'src/a.ts': '', '.git/hooks/x.js': '', 'node_modules/p/index.js': '', 'pkg/node_modules/q/i.js': '',
          'out/graph.js': '', '.hidden/h.ts': '',
        },
        { out: 'out' },
      ),
    ).toEqual(['.hidden/h.ts:typescript', 'src/a.ts:typescript']);
  });

  it('honours the root .gitignore, with negation and folder rules', async () => {
    expect(
      await walked({
        '.gitignore': 'dist/\n*.gen.ts\n!keep.gen.ts\n/rootonly.js\n',
        'dist/a.js': '', 'src/dist/b.js': '', 'src/x.gen.ts': '', 'src/keep.gen.ts': '', 'rootonly.js': '',
        'src/rootonly.js': '', 'src/ok.ts': '',
      }),
    ).toEqual(['src/keep.gen.ts:typescript', 'src/ok.ts:typescript', 'src/rootonly.js:javascript']);
  });

  it('honours nested .gitignore files relative to their own folder', async () => {
    expect(
      await walked({
        '.gitignore': 'tmp/\n',
        'pkg/.gitignore': 'generated/\nlocal.ts\n',
        'pkg/generated/g.ts': '', 'pkg/local.ts': '', 'pkg/sub/local.ts': '', 'pkg/main.ts': '',
        'local.ts': '', 'tmp/t.ts': '', 'other/generated/g.ts': '',
      }),
    ).toEqual(['local.ts:typescript', 'other/generated/g.ts:typescript', 'pkg/main.ts:typescript']);
  });

  it('a file below an ignored folder stays ignored even when a deeper rule re-includes it', async () => {
    expect(await walked({ '.gitignore': 'build\n', 'build/.gitignore': '!keep.ts\n', 'build/keep.ts': '', 'a.ts': '' })).toEqual([
      'a.ts:typescript',
    ]);
  });

  it('applies --exclude and --include globs', async () => {
    const tree = { 'src/a.ts': '', 'src/a.test.ts': '', 'scripts/s.js': '', 'src/deep/b.ts': '' };
    expect(await walked(tree, { exclude: ['**/*.test.ts', 'scripts/**'] })).toEqual(['src/a.ts:typescript', 'src/deep/b.ts:typescript']);
    expect(await walked(tree, { include: ['src/**'] })).toEqual([
      'src/a.test.ts:typescript', 'src/a.ts:typescript', 'src/deep/b.ts:typescript',
    ]);
    expect(await walked(tree, { include: ['src/**'], exclude: ['**/deep/**'] })).toEqual(['src/a.test.ts:typescript', 'src/a.ts:typescript']);
  });

  it('never follows a symlink out of the root, and survives symlink loops', async () => {
    const outside = writeTree(makeTempDir(), { 'secret.ts': '', 'nested/s.ts': '' });
    dirs.push(outside);
    expect(
      await walked({
        'src/a.ts': '',
        'escape': { symlink: outside },
        'escape.ts': { symlink: path.join(outside, 'secret.ts') },
        'loop/self': { symlink: '.' },
        'loop/up': { symlink: '..' },
        'loop/b.ts': '',
      }),
    ).toEqual(['loop/b.ts:typescript', 'src/a.ts:typescript']);
  });

  it('handles file names with spaces, unicode, quotes, commas and newlines', async () => {
    expect(await walked({ 'a b.ts': '', 'ü/ñ.ts': '', "q'\"uote.ts": '', 'c,omma.js': '', 'new\nline.ts': '' })).toEqual([
      'a b.ts:typescript', 'c,omma.js:javascript', 'new\nline.ts:typescript', "q'\"uote.ts:typescript", 'ü/ñ.ts:typescript',
    ]);
  });

  it('gives an empty list for an empty repository', async () => {
    expect(await walked({})).toEqual([]);
  });
});
