import { compareIds } from '../graph/ids.js';
import type { Diagnostic } from '../model/diagnostic.js';

/** How many diagnostics report.json lists one by one; the counts cover all of them. */
export const DIAGNOSTICS_LISTED = 5000;

export function summarizeDiagnostics(diagnostics: readonly Diagnostic[]): {
  total: number;
  byCode: Record<string, number>;
  items: Diagnostic[];
} {
  const byCode: Record<string, number> = {};
  for (const d of diagnostics) byCode[d.code] = (byCode[d.code] ?? 0) + 1;
  const sorted = Object.fromEntries(Object.entries(byCode).sort(([a], [b]) => (a < b ? -1 : 1)));
  const items = [...diagnostics]
    .sort((a, b) => compareIds(a.file ?? '', b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || compareIds(a.code, b.code) || compareIds(a.message, b.message))
    .slice(0, DIAGNOSTICS_LISTED);
  return { total: diagnostics.length, byCode: sorted, items };
}
