import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../helpers/random.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { bySuite } from '../helpers/soak.js';
import { makeTempDir, writeTree } from '../helpers/temp-repo.js';

// Random and mutated source files, from a fixed seed, through the whole pipeline (the built CLI,
// so that the parse workers see them too): 300 in npm test, 2,000 in the soak suite.
const FILES = bySuite(300, 2000);
const SEED = 7;

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === '.codegraph' || e.name === 'node_modules' ? [] : sourcesUnder(p);
    return /\.(ts|tsx|js|jsx|mjs|cjs)$/.test(e.name) ? [p] : [];
  });
}

const TOKENS = ['{', '}', '(', ')', '[', ']', ';', ',', '=>', 'class ', 'extends ', 'function ', 'import ', 'export ', 'from ', "'./a'", 'require(', 'new ', 'this.', 'super.', '?.', '`${', '/*', '*/', '"', "'", '\\', '\n', 'async ', 'yield ', '<div>', '</div>', '@dec ', 'module.exports = ', 'exports.x = ', '...', '#private', 'get ', 'static '];

function mutate(text: string, next: () => number): string {
  let out = text;
  const edits = 1 + Math.floor(next() * 8);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(next() * (out.length + 1));
    const r = next();
    if (r < 0.3) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(next() * 20));
    else if (r < 0.6) out = out.slice(0, at) + TOKENS[Math.floor(next() * TOKENS.length)]! + out.slice(at);
    else if (r < 0.75) out = out.slice(0, at) + String.fromCharCode(Math.floor(next() * 0x3000)) + out.slice(at);
    else if (r < 0.9) {
      const lines = out.split('\n');
      const a = Math.floor(next() * lines.length);
      const b = Math.floor(next() * lines.length);
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      out = lines.join('\n');
    } else out = out.slice(0, at) + out.slice(Math.floor(next() * out.length));
  }
  return out;
}

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe(`fuzz: ${FILES} mutated and random files, seed ${SEED}`, () => {
  it('indexes with no crash and no hang, gives a valid graph, and validates clean', () => {
    const corpus = [...sourcesUnder(path.join(ROOT, 'test', 'fixtures')), ...sourcesUnder(path.join(ROOT, 'examples', 'shop', 'src'))].sort();
    const texts = corpus.map((f) => readFileSync(f, 'utf8'));
    const next = seededRandom(SEED);
    const exts = ['ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs'];
    const tree: Record<string, string | Buffer> = {};
    for (let i = 0; i < FILES; i++) {
      const dir = `d${Math.floor(next() * 40)}`;
      const name = `${dir}/f${i}.${exts[Math.floor(next() * exts.length)]}`;
      if (next() < 0.05) tree[name] = Buffer.from(Array.from({ length: Math.floor(next() * 400) }, () => Math.floor(next() * 256)));
      else tree[name] = mutate(texts[Math.floor(next() * texts.length)]!, next);
    }
    const dir = makeTempDir();
    made.push(dir);
    const repo = writeTree(path.join(dir, 'repo'), tree);
    const result = runCli(['index', repo, '--json']);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.files.found).toBe(FILES);
    expect(report.validation).toMatchObject({ consistent: true, kuzu: { status: 'compared' }, integrity: [], differences: [] });
    expect(report.totals.nodes).toBeGreaterThan(FILES);
    // Every node and relationship the processors made was well-formed (none had to be left out).
    expect(report.diagnostics.items.filter((d: { code: string }) => d.code === 'internal-error')).toEqual([]);
    expect(runCli(['validate', repo]).code).toBe(0);
  }, 600_000);
});
