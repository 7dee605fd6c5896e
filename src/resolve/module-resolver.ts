import type { Diagnostic } from '../model/diagnostic.js';
import type { ImportKind } from '../model/parsed-unit.js';
import type { ModuleResolution } from '../model/resolution.js';
import { builtinName } from './builtins.js';
import { EMPTY_PROJECT_CONFIG, stringField, type ProjectConfig } from './config-types.js';
import { FileProbe } from './file-probe.js';
import { mapTargets, splitPackageSpecifier } from './package-exports.js';
import { ancestors, dirOf, isOutside, isRelativeSpecifier, joinPath } from './paths.js';
import { ProjectIndex } from './projects.js';
import type { CompilerSettings, ResolutionMode } from './tsconfig.js';
import { findWorkspaces, packageManifests, type WorkspacePackage } from './workspaces.js';

export interface ModuleResolver {
  /**
   * How `specifier`, written in the repo file `fromFile`, resolves. The import's kind matters
   * where TypeScript's resolution mode does: `require()` resolves as CommonJS and (under
   * node16/nodenext) `import()` as ESM, whatever the file's own format.
   */
  resolve(fromFile: string, specifier: string, kind?: ImportKind): ModuleResolution;
  /**
   * Problems found while interpreting the configuration (missing `extends`, duplicate workspace
   * names); problems reading the files are in ProjectConfig.diagnostics, not repeated here.
   */
  diagnostics(): readonly Diagnostic[];
}

export interface ModuleResolverOptions {
  /** Absolute POSIX path of the repo root, to map absolute specifiers into the repo. */
  readonly rootPath?: string;
}

/** The rules in force for one importing file. */
interface Context {
  /** 'default' is for files no tsconfig/jsconfig governs: bundler rules, every usual condition. */
  readonly mode: ResolutionMode | 'default';
  readonly settings?: CompilerSettings;
  /** node16/nodenext ESM file: relative specifiers need their extension, no folder index. */
  readonly esm: boolean;
  readonly conditions: ReadonlySet<string>;
  readonly exports: boolean;
  readonly imports: boolean;
  readonly key: string;
}

type Result = ModuleResolution;

const fileResult = (path: string): Result => ({ kind: 'file', path });
const EXTENSION_REQUIRED = 'extension required (ESM import under node16/nodenext)';
const unresolved = (reason: string): Result => ({ kind: 'unresolved', reason });

export function createModuleResolver(
  files: Iterable<string>,
  config: ProjectConfig = EMPTY_PROJECT_CONFIG,
  options: ModuleResolverOptions = {},
): ModuleResolver {
  const manifests = packageManifests(config);
  const projects = new ProjectIndex(config);
  const probe = new FileProbe(new Set(files), manifests, projects);
  const workspaces = findWorkspaces(config, manifests);
  // Load every config now, so that its problems are known before the first import is resolved.
  for (const path of config.json.keys()) {
    const base = path.slice(path.lastIndexOf('/') + 1);
    if (base !== 'package.json' && !path.split('/').includes('node_modules')) projects.project(path);
  }
  const cache = new Map<string, Result>();
  // A file's context per usage, and its governing project, which all three usages share.
  const contexts = { file: new Map<string, Context>(), cjs: new Map<string, Context>(), esm: new Map<string, Context>() };
  const governing = new Map<string, ReturnType<typeof projects.governing>>();

  function context(fromFile: string, kind: ImportKind | undefined): Context {
    const usage = kind === 'require' ? 'cjs' : kind === 'dynamic' ? 'esm' : 'file';
    let ctx = contexts[usage].get(fromFile);
    if (ctx) return ctx;
    let project = governing.get(fromFile);
    if (project === undefined && !governing.has(fromFile)) governing.set(fromFile, (project = projects.governing(fromFile)));
    if (!project) {
      ctx = { mode: 'default', esm: false, conditions: new Set(['types', 'import', 'require', 'node']), exports: true, imports: true, key: '' };
    } else {
      const s = project.settings;
      const mode = s.moduleResolution;
      const nodeModes = mode === 'node16' || mode === 'nodenext';
      const esm = nodeModes && (usage === 'file' ? isEsmFile(fromFile) : usage === 'esm');
      const style = usage === 'cjs' ? 'require' : mode === 'bundler' || esm ? 'import' : 'require';
      const conditions = new Set(['types', style, ...(mode === 'bundler' ? [] : ['node']), ...s.customConditions]);
      ctx = { mode, settings: s, esm, conditions, exports: s.resolvePackageJsonExports, imports: s.resolvePackageJsonImports, key: `${project.path}|${esm}|${style}` };
    }
    contexts[usage].set(fromFile, ctx);
    return ctx;
  }

  function isEsmFile(file: string): boolean {
    if (/\.(d\.)?m[tj]s$/.test(file)) return true;
    if (/\.(d\.)?c[tj]s$/.test(file)) return false;
    return probe.isModuleScope(file);
  }

  // Each file asks for the same specifiers phase after phase: its answers are kept by file and
  // specifier (strings the parsed units hold), ahead of the shared cache, whose key is a new string.
  const answers = { file: new Map<string, Map<string, Result>>(), cjs: new Map<string, Map<string, Result>>(), esm: new Map<string, Map<string, Result>>() };

  function resolve(fromFile: string, specifier: string, kind?: ImportKind): Result {
    const usage = kind === 'require' ? 'cjs' : kind === 'dynamic' ? 'esm' : 'file';
    let known = answers[usage].get(fromFile);
    const answer = known?.get(specifier);
    if (answer) return answer;
    if (!known) answers[usage].set(fromFile, (known = new Map()));
    const result = resolveShared(fromFile, specifier, kind);
    known.set(specifier, result);
    return result;
  }

  function resolveShared(fromFile: string, specifier: string, kind?: ImportKind): Result {
    if (specifier === '') return unresolved('empty specifier');
    const builtinPrefixed = specifier.startsWith('node:') ? builtinName(specifier) : undefined;
    if (builtinPrefixed !== undefined) return { kind: 'builtin', name: builtinPrefixed };
    const ctx = context(fromFile, kind);
    const key = `${ctx.key}\0${dirOf(fromFile)}\0${specifier}`;
    let result = cache.get(key);
    if (!result) {
      result = resolveUncached(fromFile, specifier, ctx);
      cache.set(key, result);
    }
    return result;
  }

  function resolveUncached(fromFile: string, specifier: string, ctx: Context): Result {
    if (isRelativeSpecifier(specifier)) return resolvePath(joinPath(dirOf(fromFile), specifier), specifier, ctx);
    if (specifier.startsWith('/')) {
      const root = options.rootPath?.replace(/\/+$/, '');
      if (root === undefined || !specifier.startsWith(`${root}/`)) return unresolved('absolute path outside the repository');
      return resolvePath(specifier.slice(root.length + 1), specifier, ctx);
    }
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(specifier)?.[1]?.toLowerCase();
    if (scheme !== undefined && !/^[a-z]$/.test(scheme)) return urlSpecifier(scheme, specifier);
    return resolveBare(fromFile, specifier, ctx);
  }

  function resolvePath(candidate: string, specifier: string, ctx: Context): Result {
    if (isOutside(candidate)) return unresolved('outside the repository');
    const found = ctx.mode === 'classic' ? probe.file(candidate, false) : probe.relative(candidate, ctx.esm);
    if (found !== undefined) return fileResult(found);
    // TypeScript refuses `./helpers` in an ESM file under node16/nodenext, but the file it means
    // is not in doubt: the edge shows what the code depends on, the warning what the compiler says.
    const meant = ctx.esm && nonSourceExtension(specifier) === undefined ? probe.relative(candidate, false) : undefined;
    if (meant !== undefined) return { kind: 'file', path: meant, warning: EXTENSION_REQUIRED };
    return unresolved(missReason(specifier, candidate, ctx));
  }

  function missReason(specifier: string, candidate: string, ctx: Context): string {
    const ext = nonSourceExtension(specifier);
    if (ext !== undefined) return `not a source file (${ext})`;
    if (ctx.esm && probe.relative(candidate, false) !== undefined) return EXTENSION_REQUIRED;
    if (ctx.mode === 'classic' && probe.relative(candidate, false) !== undefined) return 'folder import not supported by moduleResolution classic';
    return 'no such file';
  }

  function resolveBare(fromFile: string, specifier: string, ctx: Context): Result {
    const s = ctx.settings;
    let aliasMiss: string | undefined;
    if (s?.paths) {
      const match = matchPaths(s.paths, specifier);
      if (match) {
        for (const target of match.targets) {
          const found = probe.has(target) ? target : ctx.mode === 'classic' ? probe.file(target, false) : probe.relative(target, ctx.esm);
          if (found !== undefined) return fileResult(found);
        }
        if (match.key !== '*') aliasMiss = `path alias '${match.key}' without a match`;
      }
    }
    if (s?.baseUrl !== undefined) {
      const candidate = joinPath(s.baseUrl, specifier);
      const found = ctx.mode === 'classic' ? probe.file(candidate, false) : probe.relative(candidate, ctx.esm);
      if (found !== undefined) return fileResult(found);
    }
    if (specifier.startsWith('#')) return aliasMiss ? unresolved(aliasMiss) : resolveImportsField(fromFile, specifier, ctx);
    if (ctx.mode === 'classic') {
      for (const dir of ancestors(dirOf(fromFile))) {
        const found = probe.file(joinPath(dir, specifier), false);
        if (found !== undefined) return fileResult(found);
      }
    }
    const builtin = builtinName(specifier);
    if (builtin !== undefined) return { kind: 'builtin', name: builtin };
    const parts = splitPackageSpecifier(specifier);
    if (!parts) return unresolved(aliasMiss ?? 'not a valid package name');
    const pkg = workspacePackage(fromFile, parts.name, ctx);
    if (pkg === 'ambiguous') return unresolved(`ambiguous: several workspace packages are named '${parts.name}'`);
    if (pkg) return resolvePackage(pkg, parts.subpath, ctx);
    if (aliasMiss) return unresolved(aliasMiss);
    return { kind: 'external', packageName: parts.name };
  }

  function workspacePackage(fromFile: string, name: string, ctx: Context): WorkspacePackage | 'ambiguous' | undefined {
    if (workspaces.byName.has(name)) return workspaces.byName.get(name) ?? 'ambiguous';
    // Self-reference: a package may import itself by name through its own `exports`.
    const scope = probe.packageScope(fromFile);
    const manifest = scope === undefined ? undefined : manifests.get(scope);
    if (scope !== undefined && manifest && ctx.exports && stringField(manifest, 'name') === name && manifest.exports !== undefined) {
      return { name, dir: scope, manifest };
    }
    return undefined;
  }

  function resolvePackage(pkg: WorkspacePackage, subpath: string, ctx: Context): Result {
    const label = `${pkg.name}${subpath === '.' ? '' : subpath.slice(1)}`;
    if (ctx.exports && pkg.manifest.exports !== undefined && pkg.manifest.exports !== null) {
      const targets = mapTargets(pkg.manifest.exports, subpath, ctx.conditions);
      if (targets === undefined) return unresolved(`'${subpath}' is not exported by ${pkg.name} (package.json exports)`);
      return firstTarget(targets, pkg.dir) ?? unresolved(`no file for ${label} (package.json exports target)`);
    }
    const candidate = joinPath(pkg.dir, subpath);
    const found = subpath === '.' ? probe.directory(pkg.dir) : (probe.relative(candidate, ctx.esm) ?? probe.source(candidate, pkg.dir));
    return found !== undefined ? fileResult(found) : unresolved(`no file for ${label} in workspace package ${pkg.dir || '.'}`);
  }

  /** The first target that is a file; a `types` declaration file only when no code target is. */
  function firstTarget(targets: readonly string[], packageDir: string): Result | undefined {
    let declaration: string | undefined;
    for (const target of targets) {
      if (!target.startsWith('./')) continue;
      const path = joinPath(packageDir, target);
      const found = probe.has(path) ? path : (probe.file(path, true) ?? probe.source(path, packageDir));
      if (found !== undefined && /\.d\.[mc]?ts$/.test(found)) declaration ??= found;
      else if (found !== undefined) return fileResult(found);
    }
    return declaration !== undefined ? fileResult(declaration) : undefined;
  }

  function resolveImportsField(fromFile: string, specifier: string, ctx: Context): Result {
    if (!ctx.imports) return unresolved('package.json imports (#) not supported by moduleResolution node10/classic');
    const scope = probe.packageScope(fromFile);
    const manifest = scope === undefined ? undefined : manifests.get(scope);
    if (scope === undefined || !manifest || manifest.imports === undefined) return unresolved('no package.json imports field');
    const targets = mapTargets(manifest.imports, specifier, ctx.conditions);
    if (targets === undefined) return unresolved(`'${specifier}' is not in package.json imports`);
    for (const target of targets) {
      if (target.startsWith('./')) {
        const found = firstTarget([target], scope);
        if (found) return found;
      } else if (!target.startsWith('#') && !target.startsWith('/') && !target.startsWith('../')) {
        return resolveBare(fromFile, target, ctx);
      }
    }
    return unresolved(`no file for '${specifier}' (package.json imports target)`);
  }

  return {
    resolve,
    diagnostics: () => [...workspaces.diagnostics, ...projects.diagnostics],
  };
}

/** tsconfig `paths`: an exact key first, else the pattern with the longest prefix before `*`. */
export function matchPaths(
  paths: Readonly<Record<string, readonly string[]>>,
  specifier: string,
): { key: string; targets: string[] } | undefined {
  const exact = paths[specifier];
  if (exact && !specifier.includes('*')) return { key: specifier, targets: [...exact] };
  let best: { key: string; star: string } | undefined;
  for (const key of Object.keys(paths)) {
    const star = key.indexOf('*');
    if (star < 0 || key.indexOf('*', star + 1) >= 0) continue;
    const prefix = key.slice(0, star);
    const suffix = key.slice(star + 1);
    if (specifier.length < prefix.length + suffix.length || !specifier.startsWith(prefix) || !specifier.endsWith(suffix)) continue;
    if (!best || prefix.length > best.key.indexOf('*')) best = { key, star: specifier.slice(prefix.length, specifier.length - suffix.length) };
  }
  if (!best) return undefined;
  const match = best;
  return { key: match.key, targets: paths[match.key]!.map((t) => t.replace('*', match.star)) };
}

/** Files that are imported for a bundler but are not JS/TS code: never in the graph, not an error. */
const NON_SOURCE = new Set(
  (
    'css scss sass less styl pcss json json5 yaml yml toml html htm md mdx txt csv xml svg png jpg jpeg gif webp avif ' +
    'ico bmp woff woff2 ttf otf eot wasm node mp3 mp4 webm ogg wav vue svelte astro graphql gql glsl frag vert'
  ).split(' '),
);

function nonSourceExtension(specifier: string): string | undefined {
  const path = specifier.replace(/[?#].*$/, '');
  const last = path.slice(path.lastIndexOf('/') + 1);
  const dot = last.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const ext = last.slice(dot + 1).toLowerCase();
  return NON_SOURCE.has(ext) ? `.${ext}` : undefined;
}

/**
 * `https://…`, `npm:pkg@1`, `jsr:@std/path`, `data:…` (Deno, browsers): never a repo file. The
 * package is named after the registry name or the URL's host.
 */
function urlSpecifier(scheme: string, specifier: string): ModuleResolution {
  const rest = specifier.slice(scheme.length + 1);
  if (scheme === 'npm' || scheme === 'jsr') {
    const name = /^\/?(@[^/@]+\/[^/@]+|[^/@]+)/.exec(rest)?.[1];
    if (name) return { kind: 'external', packageName: name };
  }
  if (scheme === 'http' || scheme === 'https') {
    const host = /^\/\/([^/?#]+)/.exec(rest)?.[1];
    if (host) return { kind: 'external', packageName: host };
  }
  return { kind: 'unresolved', reason: `${scheme}: URL import` };
}
