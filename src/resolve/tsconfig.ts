import type { Diagnostic } from '../model/diagnostic.js';
import { isRecord, stringList, type ProjectConfig } from './config-types.js';
import { ancestors, dirOf, isOutside, isRelativeSpecifier, joinPath } from './paths.js';

export type ResolutionMode = 'node10' | 'node16' | 'nodenext' | 'bundler' | 'classic';

/** The compiler options of one tsconfig/jsconfig after its `extends` chain, paths made repo-relative. */
export interface CompilerSettings {
  readonly moduleResolution: ResolutionMode;
  readonly baseUrl?: string;
  /** Targets already made repo-relative (against baseUrl, else the folder of the config defining `paths`). */
  readonly paths?: Readonly<Record<string, readonly string[]>>;
  readonly customConditions: readonly string[];
  readonly resolvePackageJsonExports: boolean;
  readonly resolvePackageJsonImports: boolean;
  readonly rootDir?: string;
  readonly outDir?: string;
  readonly declarationDir?: string;
}

export interface TsProject {
  readonly path: string;
  readonly dir: string;
  readonly settings: CompilerSettings;
  /** Repo-relative patterns; absent means "everything below the config's folder". */
  readonly include?: readonly string[];
  readonly files?: readonly string[];
  readonly exclude: readonly string[];
  readonly references: readonly string[];
}

interface RawLayer {
  options: Record<string, unknown>;
  /** Folder each option was defined in, for options holding paths. */
  optionDirs: Record<string, string>;
  include?: readonly string[];
  files?: readonly string[];
  exclude?: readonly string[];
}

/**
 * Where TypeScript looks for an `extends` target written in `configPath`, in order: a relative path
 * (with `.json` added when missing), or a package in node_modules of the config's folder or above.
 */
export function extendsCandidates(configPath: string, target: string): string[] {
  const dir = dirOf(configPath);
  if (isRelativeSpecifier(target) || target.startsWith('/')) {
    const path = joinPath(dir, target);
    return target.endsWith('.json') ? [path] : [path, `${path}.json`];
  }
  const out: string[] = [];
  for (const ancestor of ancestors(dir)) {
    const base = joinPath(ancestor, 'node_modules', target);
    if (target.endsWith('.json')) out.push(base);
    else out.push(base, `${base}.json`, joinPath(base, 'tsconfig.json'));
  }
  return out;
}

export function extendsTargets(raw: unknown): string[] {
  if (!isRecord(raw)) return [];
  const ext = raw.extends;
  if (typeof ext === 'string') return [ext];
  return stringList(ext) ?? [];
}

/** The config files a config's `references` name (a folder means its tsconfig.json). */
export function referenceTargets(configPath: string, raw: unknown): string[] {
  if (!isRecord(raw) || !Array.isArray(raw.references)) return [];
  const dir = dirOf(configPath);
  return raw.references.flatMap((ref) => {
    const refPath = isRecord(ref) && typeof ref.path === 'string' ? joinPath(dir, ref.path) : undefined;
    if (refPath === undefined) return [];
    return [refPath.endsWith('.json') ? refPath : joinPath(refPath, 'tsconfig.json')];
  });
}

const PATH_OPTIONS = ['baseUrl', 'rootDir', 'outDir', 'declarationDir'];

/** Reads one config with its `extends` chain; problems become diagnostics, never exceptions. */
export function loadTsProject(config: ProjectConfig, path: string, diagnostics: Diagnostic[]): TsProject | undefined {
  const raw = config.json.get(path);
  if (!isRecord(raw)) return undefined;
  const layer = loadLayer(config, path, diagnostics, new Set());
  const dir = dirOf(path);
  const options = layer.options;
  const str = (key: string): string | undefined => (typeof options[key] === 'string' ? (options[key] as string) : undefined);
  const pathOption = (key: string): string | undefined => {
    const value = str(key);
    return value === undefined ? undefined : anchor(dir, layer.optionDirs[key] ?? dir, value);
  };
  const baseUrl = pathOption('baseUrl');
  const pathsBase = baseUrl ?? layer.optionDirs.paths ?? dir;
  const mode = resolutionMode(str('moduleResolution'), str('module'), str('target'));
  const modern = mode === 'node16' || mode === 'nodenext' || mode === 'bundler';
  const bool = (key: string, fallback: boolean): boolean => (typeof options[key] === 'boolean' ? (options[key] as boolean) : fallback);
  const settings: CompilerSettings = {
    moduleResolution: mode,
    baseUrl,
    paths: pathsOption(options.paths, (target) => anchor(dir, pathsBase, target)),
    customConditions: stringList(options.customConditions) ?? [],
    resolvePackageJsonExports: bool('resolvePackageJsonExports', modern),
    resolvePackageJsonImports: bool('resolvePackageJsonImports', modern),
    rootDir: pathOption('rootDir'),
    outDir: pathOption('outDir'),
    declarationDir: pathOption('declarationDir'),
  };
  const references = referenceTargets(path, raw);
  const exclude = layer.exclude ?? defaultExcludes(dir, settings.outDir);
  const patterns = (list: readonly string[] | undefined) => list?.map((p) => anchor(dir, '', p));
  return { path, dir, settings, include: patterns(layer.include), files: patterns(layer.files), exclude: patterns(exclude)!, references };
}

const CONFIG_DIR = '${configDir}';

/**
 * A path option made repo-relative: against `base` (the folder of the config that set it), or,
 * when it starts with `${configDir}` (TypeScript 5.5), against the folder of the leaf config.
 */
function anchor(leafDir: string, base: string, value: string): string {
  return value.startsWith(CONFIG_DIR) ? joinPath(leafDir, `.${value.slice(CONFIG_DIR.length)}`) : joinPath(base, value);
}

function defaultExcludes(dir: string, outDir: string | undefined): string[] {
  const out = ['node_modules', 'bower_components', 'jspm_packages'].map((name) => joinPath(dir, name));
  if (outDir !== undefined) out.push(outDir);
  return out;
}

function loadLayer(config: ProjectConfig, path: string, diagnostics: Diagnostic[], seen: Set<string>): RawLayer {
  const raw = config.json.get(path);
  const dir = dirOf(path);
  const merged: RawLayer = { options: {}, optionDirs: {} };
  if (!isRecord(raw)) return merged;
  seen.add(path);
  for (const target of extendsTargets(raw)) {
    const found = extendsCandidates(path, target).find((candidate) => config.json.has(candidate));
    if (found === undefined || isOutside(found)) {
      diagnostics.push({
        file: path,
        severity: 'warning',
        code: 'tsconfig-extends-missing',
        message: `extends '${target}': no such config file in the repository or its node_modules`,
      });
      continue;
    }
    if (seen.has(found)) {
      diagnostics.push({ file: path, severity: 'warning', code: 'tsconfig-extends-cycle', message: `extends '${target}' forms a cycle` });
      continue;
    }
    const base = loadLayer(config, found, diagnostics, seen);
    Object.assign(merged.options, base.options);
    Object.assign(merged.optionDirs, base.optionDirs);
    merged.include = base.include ?? merged.include;
    merged.files = base.files ?? merged.files;
    merged.exclude = base.exclude ?? merged.exclude;
  }
  seen.delete(path);
  const own = isRecord(raw.compilerOptions) ? raw.compilerOptions : {};
  for (const [key, value] of Object.entries(own)) {
    merged.options[key] = value;
    if (PATH_OPTIONS.includes(key) || key === 'paths') merged.optionDirs[key] = dir;
  }
  // `${configDir}` patterns are kept as written and anchored at the leaf config in loadTsProject.
  const patterns = (key: string): string[] | undefined =>
    stringList(raw[key])?.map((p) => (p.startsWith(CONFIG_DIR) ? p : joinPath(dir, p)));
  merged.include = patterns('include') ?? merged.include;
  merged.files = patterns('files') ?? merged.files;
  merged.exclude = patterns('exclude') ?? merged.exclude;
  return merged;
}

function pathsOption(value: unknown, resolveTarget: (target: string) => string): Record<string, string[]> | undefined {
  if (!isRecord(value)) return undefined;
  const out: Record<string, string[]> = {};
  for (const [key, targets] of Object.entries(value)) {
    const list = stringList(targets);
    if (list && list.length > 0) out[key] = list.map(resolveTarget);
  }
  return out;
}

/** TypeScript's default: moduleResolution from `module`, `module` from `target`. */
export function resolutionMode(moduleResolution?: string, module?: string, target?: string): ResolutionMode {
  switch (moduleResolution?.toLowerCase()) {
    case 'node':
    case 'node10':
      return 'node10';
    case 'node16':
      return 'node16';
    case 'nodenext':
      return 'nodenext';
    case 'bundler':
      return 'bundler';
    case 'classic':
      return 'classic';
  }
  const moduleKind = module?.toLowerCase() ?? (isEs2015OrLater(target) ? 'es2015' : 'commonjs');
  switch (moduleKind) {
    case 'commonjs':
      return 'node10';
    case 'node16':
    case 'node18':
    case 'node20':
      return 'node16';
    case 'nodenext':
      return 'nodenext';
    case 'preserve':
      return 'bundler';
    default:
      return 'classic';
  }
}

function isEs2015OrLater(target: string | undefined): boolean {
  const t = target?.toLowerCase();
  return t !== undefined && t !== 'es3' && t !== 'es5';
}
