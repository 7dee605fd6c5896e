import type { Finding, FindingSummary } from '../graph/check.js';
import type { TableCount } from '../validate/compare-kuzu.js';
import type { ValidationReport } from '../validate/validate-output.js';
import { renderTable } from './table.js';

/** One line: the verdict and the size of the damage. */
export function renderValidationSummary(report: ValidationReport): string {
  const problems = sum(report.integrity) + sum(report.differences);
  const verdict = report.consistent ? 'consistent' : 'INCONSISTENT';
  const kuzu = {
    compared: `graph.json and graph.kuzu compared${report.kuzu.comparedBy === 'digest' ? ' by row count and digest' : ''}`,
    missing: 'graph.kuzu is missing',
    skipped: 'graph.kuzu not compared',
    unusable: 'graph.json is not a graph',
  }[report.kuzu.status];
  return `validation: ${verdict} (${kuzu}; ${report.graphJson.nodes} nodes, ${report.graphJson.relationships} relationships; ${problems} ${problems === 1 ? 'problem' : 'problems'})`;
}

/** The whole report as plain text lines (no colour, no trailing newline). */
export function renderValidationText(report: ValidationReport): string {
  const lines = [renderValidationSummary(report)];
  lines.push(`  output: ${report.outDir}`);
  const last = report.kuzu.lastRun;
  if (last && ((last.status !== 'ok' && last.status !== 'disabled') || last.stale)) {
    const where = last.phase ? ` in phase ${last.phase}` : '';
    const reason = last.reason ? `: ${last.reason}` : '';
    lines.push(`  last index run left graph.kuzu ${last.status}${last.stale ? ' (stale)' : ''}${where}${reason}`);
  }
  for (const note of report.kuzu.notes) lines.push(`  note: ${note}`);
  const counts = countTable(report.counts.nodes, 'label', report.kuzu.status === 'compared');
  const relCounts = countTable(report.counts.relationships, 'type', report.kuzu.status === 'compared');
  if (counts.length + relCounts.length > 0) lines.push('', ...counts, '', ...relCounts);
  lines.push('', report.integrity.length === 0 ? 'graph.json integrity: ok' : 'graph.json integrity problems:');
  lines.push(...findingLines(report.integrity));
  if (report.kuzu.status === 'compared') {
    lines.push('', report.differences.length === 0 ? 'graph.json vs graph.kuzu: no differences' : 'graph.json vs graph.kuzu differences:');
    lines.push(...findingLines(report.differences));
  }
  return lines.join('\n');
}

function countTable(rows: readonly TableCount[], head: string, withKuzu: boolean): string[] {
  const shown = rows.filter((r) => r.json > 0 || (r.kuzu ?? 0) > 0);
  if (shown.length === 0) return [];
  const differ = withKuzu && shown.some((r) => r.kuzu !== r.json);
  const headers = [head, 'graph.json', ...(withKuzu ? ['kuzu'] : []), ...(differ ? ['count'] : [])];
  const cells = shown.map((r) => [
    r.table,
    String(r.json),
    ...(withKuzu ? [r.kuzu === null ? '-' : String(r.kuzu)] : []),
    ...(differ ? [r.kuzu === r.json ? 'same' : 'differs'] : []),
  ]);
  return renderTable(headers, cells, new Set([1, 2]))
    .split('\n')
    .map((line) => `  ${line}`);
}

function findingLines(summaries: readonly FindingSummary[]): string[] {
  const lines: string[] = [];
  for (const summary of summaries) {
    lines.push(`  ${summary.kind}: ${summary.count}`);
    for (const example of summary.examples) lines.push(`    ${describeFinding(example)}`);
    if (summary.count > summary.examples.length) lines.push(`    … and ${summary.count - summary.examples.length} more`);
  }
  return lines;
}

function describeFinding(finding: Finding): string {
  const parts: string[] = [];
  if (finding.id !== undefined) parts.push(finding.id);
  if (finding.table !== undefined) parts.push(`[${finding.table}]`);
  if (finding.property !== undefined) parts.push(`${finding.property}:`);
  // A difference shows both sides, absent ones included; an integrity finding shows graph.json's value.
  if (finding.kind.endsWith('-differs')) parts.push(`graph.json=${show(finding.json)}`, `kuzu=${show(finding.kuzu)}`);
  else if ('json' in finding) parts.push(show(finding.json));
  if (finding.message !== undefined) parts.push(`(${finding.message})`);
  return parts.join(' ');
}

function show(value: unknown): string {
  return value === undefined ? '(none)' : JSON.stringify(value);
}

function sum(summaries: readonly FindingSummary[]): number {
  return summaries.reduce((total, s) => total + s.count, 0);
}
