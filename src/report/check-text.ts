import type { CheckReport } from '../check/baseline.js';

/** `check`'s terminal report: the verdict first, then each rule and its violations by file and line. */
export function renderCheckText(report: CheckReport, limit: number): string {
  const broken = report.rules.filter((r) => r.violations.some((v) => !v.known)).length;
  const known = report.knownViolations > 0 ? ` (${report.knownViolations} known, in the baseline)` : '';
  const out = [
    report.ok
      ? `check: ${report.rules.length} rule${report.rules.length === 1 ? '' : 's'} hold${known}`
      : `check: FAILED, ${broken} rule${broken === 1 ? '' : 's'} broken, ${report.newViolations} new violation${report.newViolations === 1 ? '' : 's'}${known}`,
  ];
  for (const rule of report.rules) {
    const fresh = rule.violations.filter((v) => !v.known);
    const old = rule.violations.length - fresh.length;
    const state = fresh.length > 0 ? `${fresh.length} violation${fresh.length === 1 ? '' : 's'}` : 'ok';
    out.push('', `${rule.name} (${rule.kind}): ${state}${old > 0 ? `, ${old} known` : ''}`);
    for (const v of fresh.slice(0, limit)) out.push(`  ${v.file}${v.line !== undefined ? `:${v.line}` : ''}  ${v.message}`);
    if (fresh.length > limit) out.push(`  ... and ${fresh.length - limit} more`);
  }
  if (report.fixed.length > 0) out.push('', `${report.fixed.length} baseline entr${report.fixed.length === 1 ? 'y is' : 'ies are'} fixed: run check --write-baseline to drop ${report.fixed.length === 1 ? 'it' : 'them'}`);
  return out.join('\n');
}
