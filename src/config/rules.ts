import { ConfigError } from '../errors.js';

/** A rule of codegraph.config.json's `rules`, checked by `codegraph check` on the last index. */
export type Rule =
  /** No IMPORTS from a file matching `from` to a file matching `to`. */
  | { readonly name: string; readonly kind: 'forbidden'; readonly from: readonly string[]; readonly to: readonly string[] }
  /** No import cycles (with a baseline: no new ones). */
  | { readonly name: string; readonly kind: 'noCycles' }
  /** No CALLS from code in a file matching `from` to a definition in a file matching `to`. */
  | { readonly name: string; readonly kind: 'forbiddenCalls'; readonly from: readonly string[]; readonly to: readonly string[] }
  /** Every file is imported, every exported function called or imported, but for the `allow` globs. */
  | { readonly name: string; readonly kind: 'noOrphans'; readonly allow: readonly string[] };

export type RuleKind = Rule['kind'];
export const RULE_KINDS: readonly RuleKind[] = ['forbidden', 'noCycles', 'forbiddenCalls', 'noOrphans'];

/**
 * The `rules` of a parsed codegraph.config.json (none when absent). A rule is `name` plus exactly
 * one of the shapes; anything else is a ConfigError naming the rule, so that a typo never
 * silently turns a rule off.
 */
export function rulesFromConfig(content: unknown, file: string): Rule[] {
  if (typeof content !== 'object' || content === null || Array.isArray(content)) return [];
  const raw = (content as Record<string, unknown>)['rules'];
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) throw new ConfigError(`${file}: 'rules' must be a list of rules`);
  const names = new Set<string>();
  return raw.map((entry: unknown, i) => {
    const at = `${file}: rules[${i}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw new ConfigError(`${at} must be an object with a "name" and one rule`);
    const record = entry as Record<string, unknown>;
    const name = record['name'];
    if (typeof name !== 'string' || name === '') throw new ConfigError(`${at} needs a "name" (a non-empty string)`);
    if (names.has(name)) throw new ConfigError(`${file}: two rules are named '${name}'; names identify rules in the baseline`);
    names.add(name);
    const keys = Object.keys(record).filter((k) => k !== 'name');
    const kind = keys.length === 1 ? RULE_KINDS.find((k) => k === keys[0]) : undefined;
    if (!kind) {
      throw new ConfigError(`${file}: rule '${name}' has an unknown shape (${keys.length > 0 ? keys.join(', ') : 'no rule'}); a rule is a "name" and one of ${RULE_KINDS.join(', ')}`);
    }
    return ruleOf(name, kind, record[kind], `${file}: rule '${name}'`);
  });
}

function ruleOf(name: string, kind: RuleKind, value: unknown, at: string): Rule {
  switch (kind) {
    case 'noCycles':
      if (value !== true) throw new ConfigError(`${at}: "noCycles" must be true`);
      return { name, kind };
    case 'forbidden':
    case 'forbiddenCalls': {
      const ends = objectOf(value, `${at}: "${kind}"`, ['from', 'to']);
      return { name, kind, from: globs(ends['from'], `${at}: "${kind}.from"`, true), to: globs(ends['to'], `${at}: "${kind}.to"`, true) };
    }
    case 'noOrphans': {
      if (value === true) return { name, kind, allow: [] };
      const options = objectOf(value, `${at}: "noOrphans" (true, or { "allow": [globs] })`, ['allow']);
      return { name, kind, allow: options['allow'] === undefined ? [] : globs(options['allow'], `${at}: "noOrphans.allow"`, false) };
    }
  }
}

function objectOf(value: unknown, at: string, known: readonly string[]): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ConfigError(`${at} must be an object`);
  const unknown = Object.keys(value).filter((k) => !known.includes(k));
  if (unknown.length > 0) throw new ConfigError(`${at}: unknown key ${unknown.map((k) => `'${k}'`).join(', ')} (known: ${known.join(', ')})`);
  return value as Record<string, unknown>;
}

function globs(value: unknown, at: string, required: boolean): string[] {
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || !list.every((g) => typeof g === 'string' && g !== '') || (required && list.length === 0)) {
    throw new ConfigError(`${at} must be a glob or a list of globs (relative to the repository root, e.g. "src/ui/**")`);
  }
  return list as string[];
}
