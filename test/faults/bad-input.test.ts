import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { IndexSettings } from '../../src/config/options.js';
import type { CodeGraph } from '../../src/graph/model.js';
import { renderIndexReport } from '../../src/report/text.js';
import { KuzuReader } from '../../src/storage/kuzu-reader.js';
import { BIN } from '../helpers/cli.js';
import { indexAsCli } from '../helpers/index-in-process.js';
import { bySuite } from '../helpers/soak.js';
import { makeTempDir, writeTree, type TreeSpec } from '../helpers/temp-repo.js';

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

function repoOf(tree: TreeSpec): string {
  const dir = makeTempDir();
  made.push(dir);
  return writeTree(path.join(dir, 'repo'), tree);
}

/** An index run in this process, as `codegraph index` runs it (validation included). */
async function indexJson(repo: string, flags: IndexSettings = {}) {
  const { report } = await indexAsCli(repo, flags);
  return { code: report.exitCode, report: JSON.parse(JSON.stringify(report)) };
}

const graphOf = (repo: string): CodeGraph => JSON.parse(readFileSync(path.join(repo, '.codegraph', 'graph.json'), 'utf8'));
const fileNode = (g: CodeGraph, p: string) => g.nodes.find((n) => n.id === `File:${p}`)?.properties;

describe('bad input is skipped with a reason and counted, never a crash', () => {
  it('binary, non-UTF-8, UTF-16, empty, oversized and syntax-error files', async () => {
    const repo = repoOf({
      'ok.ts': 'export function ok(): number {\n  return 1;\n}\n',
      'binary.ts': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0x02, 0x00, 0xff]),
      'latin1.js': Buffer.from('const caf\xe9 = "na\xefve";\n', 'latin1'),
      'utf16.ts': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('export const x = 1;\n', 'utf16le')]),
      'empty.ts': '',
      'big.js': `// generated\n${'export const v = 1;\n'.repeat(60_000)}`,
      'broken.ts': 'export function a( {\n  return ;\n}\nclass {\nexport const b = 2;\n',
    });
    const { code, report } = await indexJson(repo);
    expect(code).toBe(0);
    expect(report.files).toMatchObject({ found: 7, parsed: 3, syntaxErrors: 1 });
    expect(report.files.skipped).toEqual({ binary: 1, 'not-utf8': 1, 'too-large': 1, utf16: 1 });
    const g = graphOf(repo);
    expect(fileNode(g, 'binary.ts')).toMatchObject({ skipped: 'binary', size: 9 });
    expect(fileNode(g, 'big.js')).toMatchObject({ skipped: 'too-large' });
    expect(fileNode(g, 'empty.ts')).toMatchObject({ lines: 0, size: 0 });
    expect(fileNode(g, 'empty.ts')!['skipped']).toBeUndefined();
    expect(fileNode(g, 'broken.ts')!['syntaxErrorLine']).toBe(1);
    expect(g.nodes.some((n) => n.id === 'Function:ok.ts:ok')).toBe(true);
    expect(report.validation.consistent).toBe(true);
  });

  // npm test: a 500 KB line and 5,000 levels; the soak suite: 5 MB and 50,000 (the parser's own
  // 50,000-level walks are in test/unit/pipeline/parse-robustness.test.ts).
  const size = bySuite({ line: 250_000, depth: 5_000, calls: 2_000 }, { line: 2_500_000, depth: 50_000, calls: 20_000 });
  it(`a ${(size.line * 2) / 1e6} MB single line and ${size.depth} levels of nesting parse without a crash or a hang`, async () => {
    const repo = repoOf({
      'long.js': `const data = [${'1,'.repeat(size.line)}1];\n`,
      'deep.js': `const deep = ${'['.repeat(size.depth)}${']'.repeat(size.depth)};\nfunction after() { return deep; }\n`,
      'deep-calls.js': `function f(x) { return x; }\nconst y = ${'f('.repeat(size.calls)}1${')'.repeat(size.calls)};\n`,
    });
    const { code, report } = await indexJson(repo, { maxFileSize: 8 * 1024 * 1024 });
    expect(code).toBe(0);
    expect(report.files).toMatchObject({ found: 3, parsed: 3 });
    const g = graphOf(repo);
    expect(g.nodes.some((n) => n.id === 'Function:deep.js:after')).toBe(true);
    expect(g.relationships.find((r) => r.source === 'Variable:deep-calls.js:y' || r.source === 'File:deep-calls.js')?.properties).toMatchObject({ callSites: size.calls });
  });

  it('file names with spaces, unicode, quotes, commas and newlines round-trip exactly through Kuzu', async () => {
    const names = ['a b.ts', 'ünï/çødé😀.ts', `q'"uote.ts`, 'c,omma.ts', 'new\nline.ts', 'back\\slash.ts'];
    const repo = repoOf(Object.fromEntries(names.map((n, i) => [n, `export function f${i}(): number {\n  return ${i};\n}\n`])));
    const { code, report } = await indexJson(repo);
    expect(code).toBe(0);
    expect(report.validation).toMatchObject({ consistent: true, kuzu: { status: 'compared' } });
    const reader = await KuzuReader.open(path.join(repo, '.codegraph', 'graph.kuzu'));
    try {
      const { rows } = await reader.query('MATCH (f:File) RETURN f.filePath AS p ORDER BY p', {});
      expect(rows.map((r) => r[0])).toEqual([...names].sort());
    } finally {
      await reader.close();
    }
  });

  it('an empty repository (said as a warning), a malformed tsconfig.json and package.json', async () => {
    const empty = repoOf({});
    const e = await indexJson(empty);
    expect(e.code).toBe(0);
    expect(e.report.totals).toMatchObject({ nodes: 1, relationships: 0 });
    expect(e.report.diagnostics.items).toEqual([
      { severity: 'warning', code: 'no-source-files', message: `no source files (.ts .mts .cts .tsx .js .jsx .mjs .cjs) found in ${empty}: the graph holds the project alone` },
    ]);
    expect(renderIndexReport(e.report).split('\n')[1]).toBe(`warning: no source files found in ${empty}; is it the right folder, and do --include/--exclude let its files in?`);
    const repo = repoOf({
      'tsconfig.json': '{ "compilerOptions": { "paths": { "@x/*": ["src/*"] }, ',
      'package.json': '{"name": "x", "main": ',
      'src/a.ts': "import { b } from '@x/b';\nexport const a = b;\n",
      'src/b.ts': 'export const b = 1;\n',
    });
    const { code, report } = await indexJson(repo);
    expect(code).toBe(0);
    const codes = report.diagnostics.items.map((d: { code: string; file?: string }) => `${d.code} ${d.file}`);
    expect(codes).toEqual(expect.arrayContaining([expect.stringMatching(/ package\.json$/), expect.stringMatching(/ tsconfig\.json$/)]));
  });

  it('a file that vanishes, or turns into a folder, between the walk and the parse', async () => {
    const repo = repoOf({ 'a.ts': 'export const a = 1;\n', 'gone.ts': 'export const g = 1;\n', 'dir.ts': 'export const d = 1;\n' });
    const { report } = await indexAsCli(repo, {}, {
      listener: {
        onFilesFound() {
          unlinkSync(path.join(repo, 'gone.ts'));
          unlinkSync(path.join(repo, 'dir.ts'));
          mkdirSync(path.join(repo, 'dir.ts'));
        },
      },
    });
    expect(report.files).toMatchObject({ found: 3, parsed: 1, skipped: { unreadable: 2 } });
    expect(report.exitCode).toBe(0);
  });

  // Root reads everything, so this runs codegraph as `nobody`; skipped where privileges cannot be dropped.
  const canDrop = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'true']).status === 0;
  it.skipIf(!canDrop)('a permission-denied folder and file are skipped and counted (run as an unprivileged user)', () => {
    const repo = repoOf({ 'open/a.ts': 'export const a = 1;\n', 'closed/b.ts': 'export const b = 1;\n', 'locked.ts': 'export const c = 1;\n' });
    for (let d = repo; d !== '/'; d = path.dirname(d)) chmodSync(d, 0o755);
    chmodSync(path.join(repo, 'closed'), 0o000);
    chmodSync(path.join(repo, 'locked.ts'), 0o000);
    const out = makeTempDir();
    made.push(out);
    chmodSync(out, 0o777);
    const result = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, 'index', repo, '--out', path.join(out, 'o'), '--json'], {
      encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', HOME: out },
    });
    chmodSync(path.join(repo, 'closed'), 0o755);
    expect(result.status, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.files).toMatchObject({ found: 2, parsed: 1, skipped: { unreadable: 1 } });
    expect(report.diagnostics.byCode['skipped-folder-unreadable']).toBe(1);
    expect(report.diagnostics.items).toContainEqual({
      file: 'closed', severity: 'warning', code: 'skipped-folder-unreadable', message: 'cannot read the folder closed (EACCES); its files were not indexed',
    });
  });
});
