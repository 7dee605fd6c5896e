import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, existsSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, dirname, posix } from 'node:path';
import fg from 'fast-glob';
import { Parser, Language } from 'web-tree-sitter';
import { generateRepo, readManifest } from '../../bench/generate.mjs';

const SOURCE_GLOB = '**/*.{ts,js,cjs}';

function treeHash(root: string): string {
  const hash = createHash('sha256');
  for (const rel of fg.sync('**/*', { cwd: root, dot: true }).sort()) {
    hash.update(rel).update('\0').update(readFileSync(join(root, rel))).update('\0');
  }
  return hash.digest('hex');
}

/** TypeScript-style resolution of a specifier inside the generated tree (null = external). */
function resolveSpecifier(root: string, fromFile: string, spec: string): string | null | undefined {
  let base: string;
  if (spec.startsWith('@app/')) base = 'src/' + spec.slice('@app/'.length);
  else if (spec.startsWith('.')) base = posix.normalize(posix.join(posix.dirname(fromFile), spec));
  else return null;
  const candidates = [base];
  if (base.endsWith('.js')) candidates.push(base.slice(0, -3) + '.ts');
  for (const ext of ['.ts', '.js', '.cjs']) candidates.push(base + ext);
  for (const ext of ['.ts', '.js', '.cjs']) candidates.push(`${base}/index${ext}`);
  return candidates.find((c) => existsSync(join(root, c)) && statSync(join(root, c)).isFile());
}

/** Names a file exports, following `export *`, `export {…} from` and spread requires. */
function exportsOf(root: string, file: string, seen = new Set<string>()): Set<string> {
  const out = new Set<string>();
  if (seen.has(file)) return out;
  seen.add(file);
  const text = readFileSync(join(root, file), 'utf8');
  for (const m of text.matchAll(/^export (?:async )?(?:function|class|const|interface|type|enum) (\w+)/gm)) out.add(m[1]!);
  for (const m of text.matchAll(/^export \{ ([^}]+) \} from '([^']+)'/gm)) for (const n of m[1]!.split(', ')) out.add(n);
  for (const m of text.matchAll(/^(?:export \* from |  \.\.\.require\()'([^']+)'/gm)) {
    const target = resolveSpecifier(root, file, m[1]!);
    if (target) for (const n of exportsOf(root, target, seen)) out.add(n);
  }
  for (const m of text.matchAll(/^module\.exports\.(\w+) = /gm)) out.add(m[1]!);
  const block = /^module\.exports = \{\n([\s\S]*?)\n\};/m.exec(text);
  if (block) for (const m of block[1]!.matchAll(/^ {2}(\w+),$/gm)) out.add(m[1]!);
  return out;
}

describe('bench/generate.mjs', () => {
  const dirs: string[] = [];
  const fresh = () => {
    const dir = mkdtempSync(join(tmpdir(), 'codegraph-synth-'));
    dirs.push(dir);
    return dir;
  };
  let repo: string;
  let manifest: ReturnType<typeof generateRepo>;

  beforeAll(() => {
    repo = fresh();
    manifest = generateRepo({ files: 600, out: repo, seed: 'test' });
  });
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('writes exactly the requested number of source files, and a manifest that matches the tree', () => {
    const sources = fg.sync(SOURCE_GLOB, { cwd: repo });
    expect(sources).toHaveLength(600);
    expect(manifest.files).toBe(600);
    expect(readManifest(repo)).toEqual(manifest);
    const bytes = sources.reduce((n, f) => n + statSync(join(repo, f)).size, 0);
    expect(manifest.bytes).toBe(bytes);
    const ts = sources.filter((f) => f.endsWith('.ts')).length;
    expect(manifest.byLanguage.ts.files).toBe(ts);
    expect(ts / 600).toBeGreaterThan(0.6);
    expect(ts / 600).toBeLessThan(0.8);
    expect(bytes / 600).toBeGreaterThan(2000);
    expect(bytes / 600).toBeLessThan(4000);
    const perFolder = new Map<string, number>();
    for (const f of sources) perFolder.set(dirname(f), (perFolder.get(dirname(f)) ?? 0) + 1);
    expect(Math.max(...perFolder.values())).toBeLessThanOrEqual(20);
    expect(perFolder.size).toBe(30);
  });

  it('is byte-identical for the same seed and differs for another seed', () => {
    const a = fresh();
    const b = fresh();
    const c = fresh();
    generateRepo({ files: 150, out: a, seed: 42 });
    generateRepo({ files: 150, out: b, seed: 42 });
    generateRepo({ files: 150, out: c, seed: 43 });
    expect(treeHash(a)).toBe(treeHash(b));
    expect(treeHash(a)).not.toBe(treeHash(c));
  });

  it('resolves every relative and aliased import to a file in the tree that exports the imported names', () => {
    const tsconfig = JSON.parse(readFileSync(join(repo, 'tsconfig.json'), 'utf8'));
    expect(tsconfig.compilerOptions.paths).toEqual({ '@app/*': ['src/*'] });
    expect(tsconfig.compilerOptions.moduleResolution).toBe('Bundler');
    const styles = { jsSuffixToTs: 0, extensionless: 0, alias: 0, barrelDir: 0, require: 0, namespace: 0 };
    let checked = 0;
    const pairs = new Set<string>();
    for (const file of fg.sync(SOURCE_GLOB, { cwd: repo })) {
      const text = readFileSync(join(repo, file), 'utf8');
      for (const m of text.matchAll(/^(?:export .* from |  \.\.\.require\()'([^']+)'/gm)) pairs.add(`${file} -> ${resolveSpecifier(repo, file, m[1]!)}`);
      const statements = [
        ...[...text.matchAll(/^import (?:type )?\{ ([^}]+) \} from '([^']+)';/gm)].map((m) => ({ names: m[1]!.split(', '), spec: m[2]! })),
        ...[...text.matchAll(/^const \{ ([^}]+) \} = require\('([^']+)'\);/gm)].map((m) => ({ names: m[1]!.split(', '), spec: m[2]! })),
        ...[...text.matchAll(/^import \* as \w+ from '([^']+)';/gm)].map((m) => ({ names: [], spec: m[1]! })),
        ...[...text.matchAll(/^const \w+ = require\('([^']+)'\);/gm)].map((m) => ({ names: [], spec: m[1]! })),
      ];
      styles.namespace += (text.match(/^import \* as /gm) ?? []).length;
      styles.require += (text.match(/require\('\./gm) ?? []).length;
      for (const { names, spec } of statements) {
        const target = resolveSpecifier(repo, file, spec);
        if (target === null) continue;
        expect(target, `${file} imports ${spec}`).toBeTypeOf('string');
        pairs.add(`${file} -> ${target}`);
        const exported = exportsOf(repo, target!);
        for (const name of names) expect(exported.has(name), `${name} from ${spec} in ${file}`).toBe(true);
        if (spec.startsWith('@app/')) styles.alias++;
        else if (spec.endsWith('.js') && target!.endsWith('.ts')) styles.jsSuffixToTs++;
        else if (/\/index\.(ts|js)$/.test(target!) && !spec.endsWith('index.js')) styles.barrelDir++;
        else if (!/\.(c?js|ts)$/.test(spec)) styles.extensionless++;
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1500);
    expect(manifest.counts.importEdges).toBe(pairs.size);
    for (const [style, count] of Object.entries(styles)) expect(count, style).toBeGreaterThan(10);
  });

  it('uses the call and heritage shapes the processors must handle', () => {
    const all = fg.sync(SOURCE_GLOB, { cwd: repo }).map((f) => readFileSync(join(repo, f), 'utf8')).join('\n');
    expect(all).toMatch(/new \w+\((\{\})?\)\.\w+\(/);
    expect(all).toMatch(/this\.\w+\(/);
    expect(all).toMatch(/\b[a-z]\w*\.\w+\(input\)/);
    expect(all).toMatch(/class \w+ extends \w+ implements \w+/);
    expect(all).toMatch(/interface \w+ extends \w+/);
    expect(all).toMatch(/^module\.exports = \{/m);
    expect(manifest.counts.extends).toBeGreaterThan(50);
    expect(manifest.counts.implements).toBeGreaterThan(50);
    expect(manifest.counts.barrels).toBeGreaterThan(5);
  });

  it('produces files the real grammars parse without a syntax error', async () => {
    await Parser.init();
    const ts = await Language.load('node_modules/tree-sitter-typescript/tree-sitter-typescript.wasm');
    const js = await Language.load('node_modules/tree-sitter-javascript/tree-sitter-javascript.wasm');
    const parser = new Parser();
    const broken: string[] = [];
    for (const file of fg.sync(SOURCE_GLOB, { cwd: repo })) {
      parser.setLanguage(file.endsWith('.ts') ? ts : js);
      const tree = parser.parse(readFileSync(join(repo, file), 'utf8'));
      if (!tree || tree.rootNode.hasError) broken.push(file);
      tree?.delete();
    }
    parser.delete();
    expect(broken).toEqual([]);
  });
});
