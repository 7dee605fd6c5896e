import type { Diagnostic } from '../model/diagnostic.js';
import { isRecord, stringField, stringList, type ProjectConfig } from './config-types.js';
import { dirOf, joinPath, matchesGlob } from './paths.js';

export interface WorkspacePackage {
  readonly name: string;
  readonly dir: string;
  readonly manifest: Readonly<Record<string, unknown>>;
}

export interface Workspaces {
  /** Package name -> its package, for packages a workspace declares; undefined value = ambiguous. */
  readonly byName: ReadonlyMap<string, WorkspacePackage | undefined>;
  readonly diagnostics: readonly Diagnostic[];
}

/** The repo's package.json files outside node_modules, by folder. */
export function packageManifests(config: ProjectConfig): Map<string, Readonly<Record<string, unknown>>> {
  const out = new Map<string, Readonly<Record<string, unknown>>>();
  for (const [path, value] of config.json) {
    if (!(path === 'package.json' || path.endsWith('/package.json'))) continue;
    if (path.split('/').includes('node_modules') || !isRecord(value)) continue;
    out.set(dirOf(path), value);
  }
  return out;
}

/**
 * Workspace packages declared by npm/yarn `workspaces` (an array or `{ packages }`) or by
 * pnpm-workspace.yaml: each declaring folder's patterns select package folders below it.
 */
export function findWorkspaces(config: ProjectConfig, manifests: ReadonlyMap<string, Readonly<Record<string, unknown>>>): Workspaces {
  const declarations: { root: string; patterns: string[] }[] = [];
  for (const [dir, manifest] of manifests) {
    const field = manifest.workspaces;
    const patterns = stringList(field) ?? (isRecord(field) ? stringList(field.packages) : undefined);
    if (patterns) declarations.push({ root: dir, patterns });
  }
  for (const [path, text] of config.yaml) {
    declarations.push({ root: dirOf(path), patterns: parsePnpmPackages(text) });
  }
  const byName = new Map<string, WorkspacePackage | undefined>();
  const diagnostics: Diagnostic[] = [];
  const claimed = new Set<string>();
  for (const { root, patterns } of declarations) {
    const include = patterns.filter((p) => !p.startsWith('!')).map((p) => joinPath(root, p));
    const exclude = patterns.filter((p) => p.startsWith('!')).map((p) => joinPath(root, p.slice(1)));
    for (const [dir, manifest] of manifests) {
      if (claimed.has(dir) || !include.some((p) => matchesGlob(dir, p, false))) continue;
      if (exclude.some((p) => matchesGlob(dir, p, false))) continue;
      const name = stringField(manifest, 'name');
      if (name === undefined) continue;
      claimed.add(dir);
      if (byName.has(name)) {
        const other = byName.get(name);
        diagnostics.push({
          file: joinPath(dir, 'package.json'),
          severity: 'warning',
          code: 'workspace-duplicate-name',
          message: `workspace package name '${name}' is also used by ${other ? other.dir || '.' : 'another package'}`,
        });
        byName.set(name, undefined);
      } else byName.set(name, { name, dir, manifest });
    }
  }
  return { byName, diagnostics };
}

/** The `packages:` list of a pnpm-workspace.yaml: block (`- 'a/*'`) or flow (`['a/*']`) style. */
export function parsePnpmPackages(text: string): string[] {
  const lines = text.split(/\r?\n/);
  const out: string[] = [];
  const start = lines.findIndex((line) => /^packages\s*:/.test(line));
  if (start < 0) return out;
  const inline = stripComment(lines[start]!.replace(/^packages\s*:/, '')).trim();
  if (inline.startsWith('[')) {
    const body = inline.replace(/^\[/, '').replace(/\]\s*$/, '');
    return body.split(',').map(unquote).filter((item) => item !== '');
  }
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) break;
    const item = /^\s*-\s*(.*)$/.exec(line);
    if (!item) break;
    const value = unquote(stripComment(item[1]!));
    if (value !== '') out.push(value);
  }
  return out;
}

function stripComment(text: string): string {
  // A '#' starts a comment only outside quotes and after whitespace (or at the start).
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]!))) return text.slice(0, i);
  }
  return text;
}

function unquote(text: string): string {
  const t = text.trim();
  if ((t.startsWith("'") && t.endsWith("'")) || (t.startsWith('"') && t.endsWith('"'))) return t.slice(1, -1);
  return t;
}
