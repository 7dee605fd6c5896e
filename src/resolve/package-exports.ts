import { isRecord } from './config-types.js';

/**
 * package.json `exports` and `imports` maps: which target strings a subpath (`.`, `./utils`,
 * `#internal`) maps to under a set of conditions. Conditions are taken in the map's key order
 * (as Node and TypeScript do); when a target fails to resolve TypeScript goes on to the next
 * matching condition, so every matching target is returned, in order.
 *
 * Returns undefined when the map does not define the subpath at all.
 */
export function mapTargets(field: unknown, subpath: string, conditions: ReadonlySet<string>): string[] | undefined {
  const map = normalizeMap(field, subpath.startsWith('#'));
  if (!map) return undefined;
  const exact = map[subpath];
  if (exact !== undefined && !subpath.includes('*')) return conditionTargets(exact, conditions, undefined);
  let best: { key: string; match: string } | undefined;
  for (const key of Object.keys(map)) {
    const star = key.indexOf('*');
    if (star < 0) {
      if (key.endsWith('/') && subpath.startsWith(key) && (!best || key.length > best.key.length)) {
        best = { key, match: subpath.slice(key.length) };
      }
      continue;
    }
    if (key.indexOf('*', star + 1) >= 0) continue;
    const prefix = key.slice(0, star);
    const suffix = key.slice(star + 1);
    if (subpath.length < key.length - 1 || !subpath.startsWith(prefix) || !subpath.endsWith(suffix)) continue;
    if (!best || compareKeys(key, best.key) < 0) {
      best = { key, match: subpath.slice(prefix.length, subpath.length - suffix.length) };
    }
  }
  if (!best) return undefined;
  const targets = conditionTargets(map[best.key], conditions, best.match);
  return best.key.includes('*') ? targets : targets.map((t) => (t.endsWith('/') ? t + best.match : t));
}

/** Node's PATTERN_KEY_COMPARE: the longer prefix before `*` wins, then the longer key. */
function compareKeys(a: string, b: string): number {
  const aBase = a.indexOf('*');
  const bBase = b.indexOf('*');
  if (aBase !== bBase) return bBase - aBase;
  return b.length - a.length;
}

function normalizeMap(field: unknown, isImports: boolean): Readonly<Record<string, unknown>> | undefined {
  if (field === undefined || field === null) return undefined;
  if (isImports) return isRecord(field) ? field : undefined;
  if (typeof field === 'string' || Array.isArray(field)) return { '.': field };
  if (!isRecord(field)) return undefined;
  const keys = Object.keys(field);
  // An object of conditions (no key starts with '.') is the `.` entry.
  if (keys.length > 0 && keys.every((k) => !k.startsWith('.'))) return { '.': field };
  return field;
}

function conditionTargets(target: unknown, conditions: ReadonlySet<string>, match: string | undefined): string[] {
  if (typeof target === 'string') return [match === undefined ? target : target.split('*').join(match)];
  if (Array.isArray(target)) return target.flatMap((t) => conditionTargets(t, conditions, match));
  if (!isRecord(target)) return [];
  const out: string[] = [];
  for (const [condition, value] of Object.entries(target)) {
    if (condition === 'default' || conditions.has(condition) || (condition.startsWith('types@') && conditions.has('types'))) {
      out.push(...conditionTargets(value, conditions, match));
    }
  }
  return out;
}

/** Splits a bare specifier into its package name and the subpath (`.` or `./rest`). */
export function splitPackageSpecifier(specifier: string): { name: string; subpath: string } | undefined {
  const parts = specifier.split('/');
  const scoped = specifier.startsWith('@');
  const nameParts = scoped ? 2 : 1;
  if (parts.length < nameParts || parts.slice(0, nameParts).some((p) => p === '' || p === '.' || p === '..')) return undefined;
  if (scoped && parts[0] === '@') return undefined;
  const name = parts.slice(0, nameParts).join('/');
  const rest = parts.slice(nameParts).join('/');
  return { name, subpath: rest === '' ? '.' : `./${rest}` };
}
