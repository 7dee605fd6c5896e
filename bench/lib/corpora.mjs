// Prepares the corpora the bench indexes: real npm packages (fetched with `npm pack`, cached)
// and synthetic trees (generated, cached by seed and size). Also measures a corpus's size.
import { existsSync, mkdirSync, readFileSync, writeFileSync, rmSync, renameSync, cpSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import fg from 'fast-glob';
import { generateRepo, readManifest, GENERATOR_VERSION } from '../generate.mjs';

const SOURCE_GLOB = '**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}';
const READY = '.bench-ready.json';

// codegraph's default --max-file-size: larger files (bundles, workers) are skipped, not parsed.
const MAX_FILE_SIZE = 1024 * 1024;

/**
 * Files and bytes of the sources a corpus holds that codegraph parses: its extensions, up to the
 * default --max-file-size (the skipped ones are counted apart), so MB/s and RSS per MB are per
 * megabyte actually indexed.
 */
export function measureCorpus(dir) {
  const entries = fg.sync(SOURCE_GLOB, { cwd: dir, ignore: ['**/node_modules/**', '**/.git/**', '**/.codegraph/**'], stats: true });
  let bytes = 0;
  let files = 0;
  for (const e of entries) {
    if (e.stats.size > MAX_FILE_SIZE) continue;
    bytes += e.stats.size;
    files++;
  }
  return { files, bytes, tooLarge: entries.length - files };
}

/** Fetches and unpacks one pinned package into `<cache>/corpora/<name>-<version>`, once. */
export function prepareRealCorpus(spec, cacheDir, log) {
  const dir = join(cacheDir, 'corpora', `${spec.name}-${spec.version}`);
  if (existsSync(join(dir, READY))) return dir;
  const tarballs = join(cacheDir, 'tarballs');
  mkdirSync(tarballs, { recursive: true });
  log(`fetching ${spec.package}@${spec.version} with npm pack`);
  const out = execFileSync('npm', ['pack', `${spec.package}@${spec.version}`, '--json', '--pack-destination', tarballs], {
    cwd: tarballs, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'],
  });
  const info = JSON.parse(out)[0];
  if (spec.integrity && info.integrity !== spec.integrity) {
    throw new Error(`${spec.package}@${spec.version}: integrity ${info.integrity} does not match the pinned ${spec.integrity}`);
  }
  const staging = `${dir}.staging`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  execFileSync('tar', ['-xzf', join(tarballs, info.filename), '-C', staging]);
  const unpacked = join(staging, 'package');
  const keepDir = `${staging}/kept`;
  mkdirSync(keepDir);
  for (const keep of spec.keep) {
    const from = join(unpacked, keep);
    if (!existsSync(from)) throw new Error(`${spec.package}@${spec.version} has no ${keep}/`);
    cpSync(from, join(keepDir, keep), { recursive: true });
  }
  const size = measureCorpus(keepDir);
  writeFileSync(join(keepDir, READY), JSON.stringify({ ...spec, integrity: info.integrity, ...size }, null, 2) + '\n');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(cacheDir, 'corpora'), { recursive: true });
  renameSync(keepDir, dir);
  rmSync(staging, { recursive: true, force: true });
  return dir;
}

/** Generates (or reuses) a synthetic tree of `files` files. */
export function prepareSyntheticCorpus(files, seed, cacheDir, log) {
  const dir = join(cacheDir, 'synthetic', `synthetic-${files}-seed${seed}`);
  const manifest = readManifest(dir);
  if (manifest && manifest.generator === GENERATOR_VERSION && manifest.files === files && manifest.seed === String(seed)) return dir;
  log(`generating a synthetic repository of ${files} files`);
  generateRepo({ files, out: dir, seed });
  return dir;
}

export function loadCorpusSpecs(path) {
  return JSON.parse(readFileSync(path, 'utf8')).corpora;
}

export function loadCompositeSpecs(path) {
  return JSON.parse(readFileSync(path, 'utf8')).composites ?? [];
}

/**
 * A composite corpus: its parts (real corpora, each prepared as above) copied side by side into
 * `<cache>/corpora/<name>/<part>/`, once. Copies, not links: the walk does not follow symlinks.
 */
export function prepareCompositeCorpus(composite, specs, cacheDir, log) {
  const dir = join(cacheDir, 'corpora', composite.name);
  const parts = composite.parts.map((name) => {
    const spec = specs.find((s) => s.name === name);
    if (!spec) throw new Error(`composite ${composite.name}: no corpus named ${name} in bench/corpora.json`);
    return spec;
  });
  const want = parts.map((s) => `${s.name}=${s.package}@${s.version}`);
  const ready = join(dir, READY);
  if (existsSync(ready) && JSON.stringify(JSON.parse(readFileSync(ready, 'utf8')).parts) === JSON.stringify(want)) return dir;
  const sources = parts.map((spec) => [spec.name, prepareRealCorpus(spec, cacheDir, log)]);
  log(`assembling ${composite.name} from ${parts.length} corpora`);
  const staging = `${dir}.staging`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  for (const [name, from] of sources) cpSync(from, join(staging, name), { recursive: true, filter: (src) => !src.endsWith(READY) });
  writeFileSync(join(staging, READY), JSON.stringify({ name: composite.name, parts: want, ...measureCorpus(staging) }, null, 2) + '\n');
  rmSync(dir, { recursive: true, force: true });
  renameSync(staging, dir);
  return dir;
}

/** Size on disk of a file or folder (graph.kuzu may be either, depending on the Kuzu version). */
export function diskSize(path) {
  if (!existsSync(path)) return null;
  const st = statSync(path);
  if (!st.isDirectory()) return st.size;
  return fg.sync('**/*', { cwd: path, stats: true, dot: true }).reduce((n, e) => n + e.stats.size, 0);
}
