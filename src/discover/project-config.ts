import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fg from 'fast-glob';
import type { Diagnostic } from '../model/diagnostic.js';
import type { ProjectConfig } from '../resolve/config-types.js';
import { parseJsonc } from '../resolve/jsonc.js';
import { dirOf, isOutside } from '../resolve/paths.js';
import { extendsCandidates, extendsTargets, referenceTargets } from '../resolve/tsconfig.js';
import { compareIds } from '../graph/ids.js';

export interface ProjectConfigOptions {
  /** Extra glob patterns (relative to the root) whose config files are not read, e.g. the output folder. */
  readonly ignore?: readonly string[];
}

const CONFIG_PATTERNS = ['**/tsconfig*.json', '**/jsconfig*.json', '**/package.json', '**/pnpm-workspace.yaml'];
const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];

/**
 * Reads the repo's tsconfig*.json, jsconfig*.json, package.json and pnpm-workspace.yaml files, and
 * the `extends` targets they name in node_modules, as plain data. Files are only read and parsed,
 * never executed; a malformed or unreadable file is a diagnostic and the rest carries on.
 *
 * `sourceFiles`, when given (the walk's repo-relative source paths), limits the files read to the
 * config files in folders that hold sources at some depth, plus the `extends` and `references`
 * targets those name: a config in a git-ignored or source-less folder cannot govern anything.
 */
export async function loadProjectConfig(
  root: string,
  sourceFiles?: readonly string[],
  options: ProjectConfigOptions = {},
): Promise<ProjectConfig> {
  const globbed = await fg(CONFIG_PATTERNS, {
    cwd: root,
    dot: true,
    onlyFiles: true,
    followSymbolicLinks: false,
    suppressErrors: true,
    ignore: [...ALWAYS_IGNORED, ...(options.ignore ?? [])],
  });
  const sourceDirs = sourceFiles ? foldersOf(sourceFiles) : undefined;
  const found = sourceDirs ? globbed.filter((p) => sourceDirs.has(dirOf(p))) : globbed;
  const json = new Map<string, unknown>();
  const yaml = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];

  const read = async (relPath: string): Promise<string | undefined> => {
    try {
      return await readFile(path.join(root, relPath), 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR' && code !== 'EISDIR') {
        diagnostics.push({ file: relPath, severity: 'warning', code: 'config-unreadable', message: `cannot read: ${code ?? String(error)}` });
      }
      return undefined;
    }
  };
  const readJson = async (relPath: string): Promise<boolean> => {
    const text = await read(relPath);
    if (text === undefined) return false;
    const parsed = parseJsonc(text);
    if (parsed.ok) json.set(relPath, parsed.value);
    else diagnostics.push({ file: relPath, severity: 'warning', code: 'config-malformed', message: `malformed JSON: ${parsed.error}` });
    return true;
  };

  const sorted = [...found].map((p) => p.split(path.sep).join('/')).sort();
  await Promise.all(
    sorted.map(async (relPath) => {
      if (relPath.endsWith('.yaml')) {
        const text = await read(relPath);
        if (text !== undefined) yaml.set(relPath, text);
      } else await readJson(relPath);
    }),
  );

  // `extends` chains may lead into node_modules, and `references` to configs in folders without
  // sources of their own: follow both.
  const queue = [...json.keys()].filter(isTsConfigName);
  const tried = new Set<string>(json.keys());
  while (queue.length > 0) {
    const configPath = queue.shift()!;
    for (const ref of referenceTargets(configPath, json.get(configPath))) {
      if (isOutside(ref) || tried.has(ref)) continue;
      tried.add(ref);
      if ((await readJson(ref)) && json.has(ref)) queue.push(ref);
    }
    for (const target of extendsTargets(json.get(configPath))) {
      for (const candidate of extendsCandidates(configPath, target)) {
        if (isOutside(candidate)) break;
        if (json.has(candidate)) break;
        if (tried.has(candidate)) continue;
        tried.add(candidate);
        if (await readJson(candidate)) {
          if (json.has(candidate)) queue.push(candidate);
          break;
        }
      }
    }
  }
  return { json: sortedMap(json), yaml: sortedMap(yaml), diagnostics };
}

function isTsConfigName(relPath: string): boolean {
  const base = relPath.slice(relPath.lastIndexOf('/') + 1);
  return !base.startsWith('package.json');
}

/** Every folder that holds one of `files`, up to the root (''); each is climbed from only once. */
function foldersOf(files: readonly string[]): Set<string> {
  const folders = new Set<string>();
  for (const file of files) {
    for (let dir = dirOf(file); !folders.has(dir); dir = dirOf(dir)) {
      folders.add(dir);
      if (dir === '') break;
    }
  }
  return folders;
}

function sortedMap<T>(map: Map<string, T>): Map<string, T> {
  return new Map([...map.entries()].sort(([a], [b]) => compareIds(a, b)));
}
