#!/usr/bin/env node
// Does codegraph's module resolver agree with TypeScript's own ts.resolveModuleName?
//
//   npm run build && node bench/resolver-agreement.mjs <repo-dir> [--json] [--limit N]
//
// The repo is walked and parsed by codegraph (dist/), every import of every file is resolved by
// codegraph's resolver and by TypeScript (the typescript dev dependency, used here as the
// reference only), with the compiler options of the nearest tsconfig.json as TypeScript finds it.
// allowJs is forced on for TypeScript, because codegraph indexes JavaScript files too.
// Outcomes are compared as: the same repo file / both outside the repo (external, builtin,
// node_modules) / both unresolved.

import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, '..', 'dist');
const require = createRequire(import.meta.url);
const ts = require('typescript');

const { walk } = await import(path.join(dist, 'discover/walk.js'));
const { parseFiles, defaultWorkerCount } = await import(path.join(dist, 'pipeline/parse.js'));
const { DEFAULTS } = await import(path.join(dist, 'config/options.js'));
const { loadProjectConfig } = await import(path.join(dist, 'discover/project-config.js'));
const { createModuleResolver } = await import(path.join(dist, 'resolve/module-resolver.js'));

const args = process.argv.slice(2);
const repo = args.find((a) => !a.startsWith('--'));
if (!repo) {
  console.error('usage: node bench/resolver-agreement.mjs <repo-dir> [--json] [--limit N]');
  process.exit(2);
}
const asJson = args.includes('--json');
const limitAt = args.indexOf('--limit');
const limit = limitAt >= 0 ? Number(args[limitAt + 1]) : 50;
const root = path.resolve(repo);

const { files } = await walk({ root, include: [], exclude: [] });
const units = await parseFiles(files, { workers: defaultWorkerCount(), maxFileSize: DEFAULTS.maxFileSize });
const config = await loadProjectConfig(root);
const ours = createModuleResolver(
  units.map((u) => u.file.relPath),
  config,
  { rootPath: root },
);

// TypeScript's side: nearest tsconfig.json, parsed by TypeScript itself.
const optionsByConfig = new Map();
function tsOptions(absFile) {
  const configPath = ts.findConfigFile(path.dirname(absFile), ts.sys.fileExists, 'tsconfig.json');
  const key = configPath ?? '';
  if (!optionsByConfig.has(key)) {
    let options = {};
    if (configPath) {
      const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
      options = parsed?.options ?? {};
    }
    optionsByConfig.set(key, { configPath, options: { ...options, allowJs: true } });
  }
  return optionsByConfig.get(key);
}
const cache = ts.createModuleResolutionCache(root, (x) => x);
const host = ts.sys;

function tsOutcome(absFile, specifier, kind) {
  const { options } = tsOptions(absFile);
  // As the compiler does: the usage's resolution mode only counts where import syntax affects
  // resolution (node16/nodenext/bundler, or package.json exports/imports turned on).
  const implied = ts.getImpliedNodeFormatForFile(absFile, cache.getPackageJsonInfoCache(), host, options);
  const kindMatters = syntaxAffectsResolution(options);
  const mode = !kindMatters ? undefined : kind === 'require' ? ts.ModuleKind.CommonJS : kind === 'dynamic' ? ts.ModuleKind.ESNext : implied;
  const { resolvedModule } = ts.resolveModuleName(specifier, absFile, options, host, cache, undefined, mode);
  if (!resolvedModule) return { kind: 'unresolved' };
  const rel = path.relative(root, resolvedModule.resolvedFileName).split(path.sep).join('/');
  if (resolvedModule.isExternalLibraryImport || rel.startsWith('..') || rel.split('/').includes('node_modules')) return { kind: 'outside', detail: rel };
  if (!/\.(d\.)?[mc]?[tj]sx?$/.test(rel)) return { kind: 'non-source', detail: rel };
  return { kind: 'file', path: rel };
}

function syntaxAffectsResolution(options) {
  const kind = ts.getEmitModuleResolutionKind(options);
  const { Node16, NodeNext, Bundler } = ts.ModuleResolutionKind;
  return kind === Node16 || kind === NodeNext || kind === Bundler || !!options.resolvePackageJsonExports || !!options.resolvePackageJsonImports;
}

function ourOutcome(file, specifier, kind) {
  const r = ours.resolve(file, specifier, kind);
  switch (r.kind) {
    case 'file':
      return { kind: 'file', path: r.path };
    case 'external':
      return { kind: 'outside', detail: r.packageName };
    case 'builtin':
      return { kind: 'outside', detail: `node:${r.name}` };
    default:
      return r.reason.startsWith('not a source file') ? { kind: 'non-source', detail: r.reason } : { kind: 'unresolved', detail: r.reason };
  }
}

function agrees(a, b) {
  if (a.kind === 'file' || b.kind === 'file') return a.kind === b.kind && a.path === b.path;
  if (a.kind === b.kind) return true;
  // An import TypeScript cannot find on disk that we call external (a package not installed, a
  // builtin without @types/node) is "outside the repo" for both.
  if (a.kind === 'outside' && b.kind === 'unresolved') return true;
  // A non-source file (JSON, CSS) is absent from the graph either way.
  return a.kind === 'non-source' && (b.kind === 'unresolved' || b.kind === 'non-source');
}

// Our resolver alone, timed (the resolver built from scratch, every distinct import resolved once).
const started = performance.now();
const timed = createModuleResolver(units.map((u) => u.file.relPath), config, { rootPath: root });
for (const unit of units) for (const decl of unit.imports) timed.resolve(unit.file.relPath, decl.specifier, decl.kind);
const ourMs = performance.now() - started;

const seen = new Set();
const tally = { imports: 0, pairs: 0, agree: 0, byOutcome: {} };
const disagreements = [];
for (const unit of units) {
  if (unit.status.kind !== 'parsed') continue;
  for (const decl of unit.imports) {
    tally.imports++;
    const key = `${unit.file.relPath}\0${decl.specifier}\0${decl.kind === 'require' ? 'r' : decl.kind === 'dynamic' ? 'd' : 's'}`;
    if (seen.has(key)) continue;
    seen.add(key);
    tally.pairs++;
    const a = ourOutcome(unit.file.relPath, decl.specifier, decl.kind);
    const b = tsOutcome(unit.file.absPath, decl.specifier, decl.kind);
    tally.byOutcome[a.kind] = (tally.byOutcome[a.kind] ?? 0) + 1;
    if (agrees(a, b)) tally.agree++;
    else disagreements.push({ file: unit.file.relPath, line: decl.line, specifier: decl.specifier, kind: decl.kind, ours: a, typescript: b });
  }
}

const result = {
  repo: root,
  files: files.length,
  parsed: units.filter((u) => u.status.kind === 'parsed').length,
  configs: [...optionsByConfig.values()].map((c) => (c.configPath ? path.relative(root, c.configPath) : '(none)')),
  ...tally,
  agreement: tally.pairs === 0 ? 1 : tally.agree / tally.pairs,
  ourResolveMs: Math.round(ourMs),
  disagreements,
};
if (asJson) {
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} else {
  console.log(`repo ${root}: ${result.files} files, ${result.parsed} parsed, tsconfigs used by TypeScript: ${result.configs.join(', ')}`);
  console.log(`imports ${tally.imports}, distinct (file, specifier, kind) ${tally.pairs}, our outcomes ${JSON.stringify(tally.byOutcome)}`);
  console.log(`agreement ${(result.agreement * 100).toFixed(2)}% (${tally.agree}/${tally.pairs}), ${disagreements.length} disagreements`);
  console.log(`codegraph resolver: ${result.ourResolveMs} ms for all ${tally.imports} imports`);
  for (const d of disagreements.slice(0, limit)) {
    console.log(`  ${d.file}:${d.line} ${d.kind} '${d.specifier}': ours ${JSON.stringify(d.ours)} | typescript ${JSON.stringify(d.typescript)}`);
  }
  if (disagreements.length > limit) console.log(`  … ${disagreements.length - limit} more (--limit N or --json)`);
}
