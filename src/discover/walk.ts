import { readdir } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fg from 'fast-glob';
import ignore, { type Ignore } from 'ignore';
import { EXTENSION_LANGUAGES, languageOf } from '../languages/language-id.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { SourceFile } from '../model/source-file.js';
import { compareIds } from '../graph/ids.js';

export interface WalkOptions {
  /** Absolute path of the repository root. */
  readonly root: string;
  /** Absolute path of the output folder; never indexed when it lies inside the root. */
  readonly outDir?: string;
  readonly include: readonly string[];
  readonly exclude: readonly string[];
}

export interface WalkResult {
  /** Sorted by relPath. */
  readonly files: readonly SourceFile[];
  readonly diagnostics: readonly Diagnostic[];
}

const ALWAYS_SKIPPED = ['**/.git/**', '**/node_modules/**'];
const SOURCE_PATTERN = `**/*.{${Object.keys(EXTENSION_LANGUAGES)
  .map((ext) => ext.slice(1))
  .join(',')}}`;

/**
 * Finds the repository's source files. Symbolic links are never followed, so the walk cannot leave
 * the root or loop; .gitignore files (the root's and nested ones) are honoured like git does.
 */
export async function walk(options: WalkOptions): Promise<WalkResult> {
  const diagnostics: Diagnostic[] = [];
  const skip = [...ALWAYS_SKIPPED, ...options.exclude];
  const outRel = options.outDir ? relativeInside(options.root, options.outDir) : undefined;
  if (outRel !== undefined) skip.push(outRel === '' ? '**' : `${fg.escapePath(outRel)}/**`);

  // fast-glob skips folders it cannot read; this readdir notes each one so it is reported.
  const unreadable = new Map<string, string>();
  const noteErrors = ((dir: string, opts: unknown, callback: (error: NodeJS.ErrnoException | null, entries: unknown) => void) => {
    readdir(dir, opts as { withFileTypes: true }, (error, entries) => {
      if (error && error.code !== 'ENOENT') unreadable.set(dir, error.code ?? error.message);
      callback(error, entries);
    });
  }) as unknown as typeof readdir;

  const globOptions = {
    cwd: options.root,
    fs: { readdir: noteErrors },
    dot: true,
    followSymbolicLinks: false,
    onlyFiles: true,
    suppressErrors: true,
    caseSensitiveMatch: true,
    ignore: skip,
  } as const;
  const patterns = options.include.length > 0 ? [...options.include] : [SOURCE_PATTERN];
  const [found, gitignores] = await Promise.all([
    fg(patterns, { ...globOptions, stats: true, objectMode: true }),
    fg('**/.gitignore', globOptions),
  ]);
  const ignored = await loadGitignores(options.root, gitignores, diagnostics);
  for (const [dir, code] of [...unreadable].sort(([a], [b]) => compareIds(a, b))) {
    const rel = relativeInside(options.root, dir) ?? dir;
    diagnostics.push({ file: rel, severity: 'warning', code: 'skipped-folder-unreadable', message: `cannot read the folder ${rel} (${code}); its files were not indexed` });
  }

  const files: SourceFile[] = [];
  for (const entry of found) {
    const relPath = entry.path;
    const language = languageOf(relPath);
    if (!language || ignored(relPath)) continue;
    files.push({
      relPath,
      absPath: path.join(options.root, relPath),
      language,
      size: entry.stats?.size ?? 0,
    });
  }
  files.sort((a, b) => compareIds(a.relPath, b.relPath));
  if (files.length === 0) {
    const where = options.include.length > 0 ? ` matching --include ${options.include.join(' ')}` : ` (${Object.keys(EXTENSION_LANGUAGES).join(' ')})`;
    diagnostics.push({ severity: 'warning', code: 'no-source-files', message: `no source files${where} found in ${options.root}: the graph holds the project alone` });
  }
  return { files, diagnostics };
}

/** `child` relative to `root` with '/' separators, or undefined when it is not inside root. */
export function relativeInside(root: string, child: string): string | undefined {
  const rel = path.relative(root, child);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}

type IgnoreTest = (relPath: string) => boolean;

async function loadGitignores(root: string, found: string[], diagnostics: Diagnostic[]): Promise<IgnoreTest> {
  const rules = new Map<string, Ignore>();
  await Promise.all(
    found.map(async (relPath) => {
      try {
        const text = await readFile(path.join(root, relPath), 'utf8');
        const dir = path.posix.dirname(relPath);
        rules.set(dir === '.' ? '' : dir, ignore().add(text));
      } catch (error) {
        diagnostics.push({
          file: relPath,
          severity: 'warning',
          code: 'gitignore-unreadable',
          message: `could not read ${relPath}: ${(error as Error).message}`,
        });
      }
    }),
  );
  if (rules.size === 0) return () => false;

  // A path is ignored when a .gitignore in one of its folders ignores it or one of its parent
  // folders (git cannot re-include a file below an ignored folder). Folder verdicts are cached.
  const folderCache = new Map<string, boolean>();
  const ignoredBy = (relPath: string, isDir: boolean): boolean => {
    let dir = path.posix.dirname(relPath);
    if (dir === '.') dir = '';
    for (;;) {
      const rule = rules.get(dir);
      if (rule) {
        const rel = dir === '' ? relPath : relPath.slice(dir.length + 1);
        if (rule.ignores(isDir ? `${rel}/` : rel)) return true;
      }
      if (dir === '') return false;
      const up = path.posix.dirname(dir);
      dir = up === '.' ? '' : up;
    }
  };
  const folderIgnored = (dir: string): boolean => {
    if (dir === '') return false;
    let verdict = folderCache.get(dir);
    if (verdict === undefined) {
      const parent = path.posix.dirname(dir);
      verdict = folderIgnored(parent === '.' ? '' : parent) || ignoredBy(dir, true);
      folderCache.set(dir, verdict);
    }
    return verdict;
  };
  return (relPath) => {
    const dir = path.posix.dirname(relPath);
    return folderIgnored(dir === '.' ? '' : dir) || ignoredBy(relPath, false);
  };
}
