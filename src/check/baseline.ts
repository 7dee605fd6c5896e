import type { RuleKind } from '../config/rules.js';
import { compareIds } from '../graph/ids.js';
import type { RuleResult, Violation } from './evaluate.js';

export const BASELINE_FILE = 'codegraph.baseline.json';

/** The violations a team has accepted for now, by rule name and key (no lines: they survive edits). */
export interface Baseline {
  readonly version: 1;
  readonly violations: readonly { readonly rule: string; readonly key: string }[];
}

export interface CheckedViolation extends Violation {
  /** In the baseline: reported, but it does not fail the check. */
  readonly known: boolean;
}

export interface CheckReport {
  /** No violation outside the baseline. */
  readonly ok: boolean;
  readonly rules: readonly { readonly name: string; readonly kind: RuleKind; readonly violations: readonly CheckedViolation[] }[];
  readonly newViolations: number;
  readonly knownViolations: number;
  /** Baseline entries no longer broken: they can go from the baseline. */
  readonly fixed: readonly { readonly rule: string; readonly key: string }[];
  readonly baseline?: string;
}

export function applyBaseline(results: readonly RuleResult[], baseline: Baseline | undefined, baselinePath?: string): CheckReport {
  const known = new Set((baseline?.violations ?? []).map((v) => `${v.rule}\n${v.key}`));
  const seen = new Set<string>();
  let newViolations = 0;
  let knownViolations = 0;
  const rules = results.map((r) => ({
    name: r.name,
    kind: r.kind,
    violations: r.violations.map((v) => {
      const id = `${r.name}\n${v.key}`;
      seen.add(id);
      const isKnown = known.has(id);
      if (isKnown) knownViolations++;
      else newViolations++;
      return { ...v, known: isKnown };
    }),
  }));
  const fixed = (baseline?.violations ?? []).filter((v) => !seen.has(`${v.rule}\n${v.key}`));
  return { ok: newViolations === 0, rules, newViolations, knownViolations, fixed, ...(baselinePath !== undefined && baseline ? { baseline: baselinePath } : {}) };
}

/** Every current violation, sorted, as a baseline to write. */
export function baselineOf(results: readonly RuleResult[]): Baseline {
  const violations = results.flatMap((r) => r.violations.map((v) => ({ rule: r.name, key: v.key })));
  violations.sort((a, b) => compareIds(a.rule, b.rule) || compareIds(a.key, b.key));
  return { version: 1, violations };
}

/** A parsed baseline file; undefined when it is not one. */
export function parseBaseline(value: unknown): Baseline | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const list = record['violations'];
  if (record['version'] !== 1 || !Array.isArray(list)) return undefined;
  const ok = list.every((v) => typeof v === 'object' && v !== null && typeof (v as Record<string, unknown>)['rule'] === 'string' && typeof (v as Record<string, unknown>)['key'] === 'string');
  return ok ? { version: 1, violations: list as Baseline['violations'] } : undefined;
}
