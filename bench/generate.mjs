#!/usr/bin/env node
// Deterministic synthetic repository generator: `node bench/generate.mjs --files N --out DIR [--seed S]`.
// The same seed and file count always produce a byte-identical tree.
import { mkdirSync, writeFileSync, rmSync, existsSync, readFileSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { planRepository, ALIAS_PREFIX } from './lib/synth/plan.mjs';
import { emitFile } from './lib/synth/emit.mjs';
import { createRandom } from './lib/synth/random.mjs';

export const GENERATOR_VERSION = 4;
export const MANIFEST_NAME = 'synthetic-manifest.json';

function configFiles() {
  const tsconfig = {
    compilerOptions: {
      // Bundler resolution: the tree mixes extensionless, `.js`-suffixed and folder (index) specifiers.
      target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', strict: true,
      allowJs: true, baseUrl: '.', paths: { [`${ALIAS_PREFIX}*`]: ['src/*'] }, outDir: 'dist',
    },
    include: ['src'],
  };
  const pkg = { name: 'synthetic-app', version: '1.0.0', private: true, type: 'module' };
  return {
    'tsconfig.json': JSON.stringify(tsconfig, null, 2) + '\n',
    'package.json': JSON.stringify(pkg, null, 2) + '\n',
    '.gitignore': 'node_modules/\ndist/\n',
  };
}

/**
 * Generates the repository into `out` (emptied first). Returns the manifest, also written to
 * `<out>/synthetic-manifest.json`: counts that tests and the bench can check against.
 */
export function generateRepo({ files, out, seed = 1 }) {
  if (!Number.isInteger(files) || files < 1) throw new Error(`--files must be a positive integer, got ${files}`);
  const plan = planRepository({ files, seed });
  const rand = createRandom(`${seed}:emit`);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  for (const [name, text] of Object.entries(configFiles())) writeFileSync(join(out, name), text);
  const byLang = { ts: { files: 0, bytes: 0 }, esm: { files: 0, bytes: 0 }, cjs: { files: 0, bytes: 0 } };
  const counts = {
    functions: 0, classes: 0, interfaces: 0, types: 0, enums: 0, importStatements: 0, barrels: 0,
    extends: 0, implements: 0, interfaceExtends: 0, importEdges: 0,
  };
  const made = new Set();
  for (const file of plan.files) {
    const text = emitFile(rand, file);
    const dir = join(out, dirname(file.relPath));
    if (!made.has(dir)) { mkdirSync(dir, { recursive: true }); made.add(dir); }
    writeFileSync(join(out, file.relPath), text);
    byLang[file.lang].files += 1;
    byLang[file.lang].bytes += Buffer.byteLength(text);
    if (file.isBarrel) {
      counts.barrels += 1;
      counts.importEdges += file.reexports.size;
      continue;
    }
    // One IMPORTS relationship per (file, target file): `import` and `import type` of one module are one.
    counts.importEdges += new Set(file.imports.map((imp) => (imp.viaBarrel ? imp.target.folder.barrel : imp.target).relPath)).size;
    counts.interfaceExtends += file.interfaces.filter((i) => i.base).length;
    counts.functions += file.functions.length;
    counts.classes += file.classes.length;
    counts.interfaces += file.interfaces.length;
    counts.types += file.types.length;
    counts.enums += file.enums.length;
    counts.importStatements += file.imports.length;
    counts.extends += file.classes.filter((c) => c.base).length;
    counts.implements += file.classes.reduce((n, c) => n + (file.lang === 'ts' ? c.implements.length : 0), 0);
  }
  const totalBytes = byLang.ts.bytes + byLang.esm.bytes + byLang.cjs.bytes;
  const manifest = {
    generator: GENERATOR_VERSION, seed: String(seed), files: plan.files.length, folders: plan.folders.length,
    bytes: totalBytes, byLanguage: byLang, counts,
  };
  writeFileSync(join(out, MANIFEST_NAME), JSON.stringify(manifest, null, 2) + '\n');
  return manifest;
}

/** Reads the manifest of an existing generated tree, or null. Used to reuse cached trees. */
export function readManifest(out) {
  const path = join(out, MANIFEST_NAME);
  if (!existsSync(path)) return null;
  try { return JSON.parse(readFileSync(path, 'utf8')); } catch { return null; }
}

function main() {
  const { values } = parseArgs({
    options: { files: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string', default: '1' } },
  });
  if (!values.files || !values.out) {
    process.stderr.write('usage: node bench/generate.mjs --files N --out DIR [--seed S]\n');
    process.exit(2);
  }
  const started = performance.now();
  const manifest = generateRepo({ files: Number(values.files), out: resolve(values.out), seed: values.seed });
  const ms = Math.round(performance.now() - started);
  process.stderr.write(`generated ${manifest.files} files, ${(manifest.bytes / 1e6).toFixed(1)} MB in ${values.out} (${ms} ms)\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
