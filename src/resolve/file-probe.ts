import { isRecord } from './config-types.js';
import { ancestors, dirOf, isWithin, joinPath, relativeTo } from './paths.js';
import type { ProjectIndex } from './projects.js';

/**
 * File probing on the set of repo files, the way TypeScript's module resolution does it:
 * an extension written in the specifier is first replaced (`./x.js` tries x.ts, x.tsx, then
 * x.js), then, unless ESM rules forbid it, extensions are added and a folder's package.json
 * or index file is tried. One difference: the graph shows the code that runs, so where a
 * declaration file sits beside its implementation (`x.d.ts` and `x.js`, as compiled packages
 * ship them) the implementation wins; a `.d.ts` is the target only when it stands alone.
 */

const TS_FIRST = ['.ts', '.tsx', '.js', '.jsx', '.d.ts'];
const TSX_FIRST = ['.tsx', '.ts', '.jsx', '.js', '.d.ts'];
const ESM_ONLY = ['.mts', '.mjs', '.d.mts'];
const CJS_ONLY = ['.cts', '.cjs', '.d.cts'];
const DECLARATION = /\.d\.[mc]?ts$/;

/** Longest first, so `.d.ts` wins over `.ts`. */
const REPLACEABLE: readonly [string, readonly string[]][] = [
  ['.d.mts', ESM_ONLY],
  ['.d.cts', CJS_ONLY],
  ['.d.ts', TS_FIRST],
  ['.mts', ESM_ONLY],
  ['.mjs', ESM_ONLY],
  ['.cts', CJS_ONLY],
  ['.cjs', CJS_ONLY],
  ['.tsx', TSX_FIRST],
  ['.jsx', TSX_FIRST],
  ['.ts', TS_FIRST],
  ['.js', TS_FIRST],
];

/** Folder names that usually hold build output, mapped back to sources when the output is absent. */
const OUTPUT_DIRS = new Set(['dist', 'build', 'out', 'lib', 'esm', 'cjs', 'es', 'mjs', 'types', 'typings', 'dts', 'umd']);

function sourceExtension(path: string): string | undefined {
  return REPLACEABLE.find(([ext]) => path.endsWith(ext))?.[0];
}

export class FileProbe {
  private readonly dirs = new Set<string>();

  constructor(
    private readonly files: ReadonlySet<string>,
    private readonly manifests: ReadonlyMap<string, Readonly<Record<string, unknown>>>,
    private readonly projects: ProjectIndex,
  ) {
    for (const file of files) for (const dir of ancestors(dirOf(file))) this.dirs.add(dir);
  }

  has(path: string): boolean {
    return this.files.has(path);
  }

  hasDir(path: string): boolean {
    return this.dirs.has(path);
  }

  /** A specifier's file: the extension replaced, then (unless `exact`) extensions added. */
  file(candidate: string, exact: boolean): string | undefined {
    const ext = sourceExtension(candidate);
    if (ext !== undefined) {
      const stem = candidate.slice(0, candidate.length - ext.length);
      const found = REPLACEABLE.find(([e]) => e === ext)![1].map((e) => stem + e).find((p) => this.files.has(p));
      if (found !== undefined) return found;
    }
    if (exact) return undefined;
    return TS_FIRST.map((e) => candidate + e).find((p) => this.files.has(p));
  }

  /** A relative or mapped path: the file, or (non-ESM) the folder's package.json entry or index. */
  relative(candidate: string, esm: boolean): string | undefined {
    return this.file(candidate, esm) ?? (esm ? undefined : this.directory(candidate));
  }

  /**
   * A folder: its package.json `types`/`typings`/`main` (TypeScript's order; each mapped to its
   * source when it is absent build output), then `module` (bundlers' field, tried only after
   * TypeScript's would have failed), then index.
   */
  directory(dir: string): string | undefined {
    if (!this.dirs.has(dir)) return undefined;
    const manifest = this.manifests.get(dir);
    let declaration: string | undefined;
    if (manifest) {
      for (const field of ['types', 'typings', 'main', 'module']) {
        const value = manifest[field];
        if (typeof value !== 'string' || value === '') continue;
        const entry = joinPath(dir, value);
        if (!isWithin(entry, dir)) continue;
        const found = this.file(entry, false) ?? (entry !== dir ? this.index(entry) : undefined) ?? this.source(entry, dir);
        // `types` names the declarations; `main` the code they describe, which the graph wants.
        if (found !== undefined && DECLARATION.test(found)) declaration ??= found;
        else if (found !== undefined) return found;
      }
    }
    return declaration ?? this.index(dir);
  }

  private index(dir: string): string | undefined {
    return this.file(joinPath(dir, 'index'), false);
  }

  /**
   * A package entry that points at build output absent from the repo (`dist/index.js`), mapped
   * back to its source: the package's tsconfig outDir/declarationDir -> rootDir first (what
   * TypeScript does for projects it builds), then the same path under `src/` or at the package root.
   */
  source(path: string, packageDir: string): string | undefined {
    for (const candidate of this.sourceCandidates(path, packageDir)) {
      const found = this.file(candidate, false) ?? this.index(candidate);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  private sourceCandidates(path: string, packageDir: string): string[] {
    const out: string[] = [];
    const project = this.projects.forDir(packageDir);
    if (project) {
      const { outDir, declarationDir, rootDir } = project.settings;
      for (const built of [outDir, declarationDir]) {
        if (built === undefined || !isWithin(path, built)) continue;
        const root = rootDir ?? (this.dirs.has(joinPath(project.dir, 'src')) ? joinPath(project.dir, 'src') : project.dir);
        out.push(joinPath(root, relativeTo(path, built)));
      }
    }
    const segments = relativeTo(path, packageDir).split('/');
    let strip = 0;
    while (strip < segments.length - 1 && OUTPUT_DIRS.has(segments[strip]!)) strip++;
    const rest = segments.slice(strip).join('/');
    out.push(joinPath(packageDir, 'src', rest));
    if (strip > 0) out.push(joinPath(packageDir, rest));
    return out;
  }

  /** package.json `type` of the nearest manifest: decides ESM vs CommonJS for .ts/.js files. */
  isModuleScope(file: string): boolean {
    for (const dir of ancestors(dirOf(file))) {
      const manifest = this.manifests.get(dir);
      if (manifest) return isRecord(manifest) && manifest.type === 'module';
    }
    return false;
  }

  /** The folder of the nearest package.json above a file. */
  packageScope(file: string): string | undefined {
    return ancestors(dirOf(file)).find((dir) => this.manifests.has(dir));
  }
}
