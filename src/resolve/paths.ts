import { posix } from 'node:path';

// Repo paths are POSIX and relative to the root: '' is the root itself, '../x' is outside it.

export function dirOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

export function joinPath(...parts: string[]): string {
  const joined = posix.normalize(parts.filter((p) => p !== '').join('/') || '.');
  if (joined === '.' || joined === './') return '';
  return joined.endsWith('/') ? joined.slice(0, -1) : joined;
}

export function isOutside(path: string): boolean {
  return path === '..' || path.startsWith('../') || path.startsWith('/');
}

/** The folders from `dir` up to the root, nearest first ('' last). */
export function ancestors(dir: string): string[] {
  const out: string[] = [];
  let current = dir;
  while (true) {
    out.push(current);
    if (current === '') return out;
    current = dirOf(current);
  }
}

export function isRelativeSpecifier(specifier: string): boolean {
  return specifier === '.' || specifier === '..' || specifier.startsWith('./') || specifier.startsWith('../');
}

/** Whether `path` is `dir` itself or below it. */
export function isWithin(path: string, dir: string): boolean {
  return dir === '' || path === dir || path.startsWith(`${dir}/`);
}

export function relativeTo(path: string, dir: string): string {
  if (dir === '') return path;
  return path === dir ? '' : path.slice(dir.length + 1);
}

const globCache = new Map<string, RegExp>();

/**
 * tsconfig `include`/`exclude`/`files` pattern matching: `*` and `?` stay inside one path segment,
 * `**` crosses folders, and a pattern also matches everything below it when it names a folder.
 */
export function matchesGlob(path: string, pattern: string, below = true): boolean {
  const key = `${below ? 'b' : 'x'}${pattern}`;
  let regex = globCache.get(key);
  if (!regex) {
    regex = new RegExp(`^${globBody(pattern)}${below ? '(?:/.*)?' : ''}$`);
    globCache.set(key, regex);
  }
  return regex.test(path);
}

function globBody(pattern: string): string {
  let out = '';
  const segments = pattern.split('/');
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    if (segment === '**') {
      out += last ? '.*' : '(?:[^/]+/)*';
      return;
    }
    for (const char of segment) {
      if (char === '*') out += '[^/]*';
      else if (char === '?') out += '[^/]';
      else out += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
    if (!last) out += '/';
  });
  return out;
}
