import { compareIds } from '../graph/ids.js';
import type { UnresolvedImport } from './model.js';

/** One run's unresolved imports, from its report.json; `complete` is false when the list was cut short. */
export interface UnresolvedSide {
  readonly imports: readonly UnresolvedImport[];
  readonly complete: boolean;
}

interface ReportedDiagnostic {
  readonly file?: string;
  readonly code: string;
  readonly message: string;
  readonly line?: number;
}

// The diagnostic names the specifier only in its message (`cannot resolve './x': reason`).
const SPECIFIER = /^cannot resolve '(.*)': /;

/** The `unresolved-import` diagnostics of a run report, as (file, specifier) pairs. */
export function unresolvedFromReport(diagnostics: { readonly total: number; readonly items: readonly ReportedDiagnostic[] } | undefined): UnresolvedSide | undefined {
  if (!diagnostics) return undefined;
  const imports: UnresolvedImport[] = [];
  for (const d of diagnostics.items) {
    if (d.code !== 'unresolved-import' || d.file === undefined) continue;
    const specifier = SPECIFIER.exec(d.message)?.[1] ?? d.message;
    imports.push({ file: d.file, specifier, ...(d.line !== undefined ? { line: d.line } : {}), message: d.message });
  }
  return { imports, complete: diagnostics.items.length >= diagnostics.total };
}

/** Imports unresolved in head but not in base (they stopped resolving), and the reverse (fixed). */
export function compareUnresolved(base: UnresolvedSide | undefined, head: UnresolvedSide | undefined): { known: boolean; added: UnresolvedImport[]; fixed: UnresolvedImport[] } {
  if (!base || !head) return { known: false, added: [], fixed: [] };
  const key = (u: UnresolvedImport): string => `${u.file}\n${u.specifier}`;
  const was = new Set(base.imports.map(key));
  const now = new Set(head.imports.map(key));
  const order = (a: UnresolvedImport, b: UnresolvedImport): number => compareIds(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0) || compareIds(a.specifier, b.specifier);
  return {
    known: base.complete && head.complete,
    added: dedupe(head.imports.filter((u) => !was.has(key(u))), key).sort(order),
    fixed: dedupe(base.imports.filter((u) => !now.has(key(u))), key).sort(order),
  };
}

function dedupe(items: UnresolvedImport[], key: (u: UnresolvedImport) => string): UnresolvedImport[] {
  const seen = new Set<string>();
  return items.filter((u) => !seen.has(key(u)) && (seen.add(key(u)), true));
}
