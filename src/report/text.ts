import type { PhaseWriteStats } from '../storage/sink.js';
import type { IndexReport } from './index-report.js';
import { renderTable } from './table.js';
import { compareIds } from '../graph/ids.js';

export interface TextStyle {
  bold(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  dim(s: string): string;
}

const plain: TextStyle = { bold: (s) => s, red: (s) => s, yellow: (s) => s, green: (s) => s, dim: (s) => s };

/** The dual-write table: per phase and per store, what was attempted, written and failed. */
function renderDualWriteTable(report: Pick<IndexReport, 'phases'>): string {
  const rows = report.phases.flatMap((p) => p.stores.map((s) => row(s)));
  return renderTable(
    ['phase', 'store', 'nodes', 'rels', 'failed', 'success', 'time', 'status'],
    rows,
    new Set([2, 3, 4, 5, 6]),
  );
}

function row(s: PhaseWriteStats): string[] {
  const attempted = s.nodes.attempted + s.relationships.attempted;
  const written = s.nodes.written + s.relationships.written;
  const rate = attempted === 0 ? (s.status === 'ok' ? 100 : 0) : (100 * written) / attempted;
  return [
    s.phase,
    s.store,
    `${s.nodes.written}/${s.nodes.attempted}`,
    `${s.relationships.written}/${s.relationships.attempted}`,
    String(s.nodes.failed + s.relationships.failed + (s.status === 'skipped' ? attempted - written : 0)),
    `${rate.toFixed(1)}%`,
    `${s.ms} ms`,
    s.status === 'ok' ? 'ok' : `${s.status}${s.reason ? `: ${firstLine(s.reason)}` : ''}`,
  ];
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 100 ? `${line.slice(0, 97)}...` : line;
}

/** What `codegraph index` prints after a run. */
export function renderIndexReport(report: IndexReport, style: TextStyle = plain, validationText?: string): string {
  const out: string[] = [];
  const f = report.files;
  const skipped = Object.entries(f.skipped);
  out.push(
    style.bold(`codegraph ${report.generator.version}: indexed ${report.root}`) +
      ` (${f.found} files, ${f.parsed} parsed${f.reparsed < f.found ? `, ${f.reparsed} re-parsed` : ''}` +
      `${skipped.length ? `, skipped ${skipped.map(([r, n]) => `${n} ${r}`).join(', ')}` : ''}` +
      `${f.syntaxErrors ? `, ${f.syntaxErrors} with syntax errors` : ''}` +
      `${f.masked ? `, ${f.masked} read after masking what the grammar misreads` : ''})`,
  );
  if (f.found === 0) out.push(style.yellow(`warning: no source files found in ${report.repo}; is it the right folder, and do --include/--exclude let its files in?`));
  if (report.unchanged) out.push('unchanged since the last run: its output was kept as it is (the table is that run\'s)');
  out.push('', renderDualWriteTable(report), '');
  out.push(
    `graph: ${report.totals.nodes} nodes (${entries(report.totals.byLabel)}), ` +
      `${report.totals.relationships} relationships (${entries(report.totals.byType)})`,
  );
  const counts = report.phases.flatMap((p) =>
    Object.keys(p.counts).length ? [`${p.phase}: ${entries(p.counts)}`] : [],
  );
  if (counts.length) out.push(...counts);
  const external = report.phases.find((p) => p.externalPackages)?.externalPackages;
  if (external && Object.keys(external).length) {
    const top = Object.entries(external).sort(([a, x], [b, y]) => y - x || compareIds(a, b));
    out.push(`external packages: ${top.slice(0, 10).map(([name, n]) => `${name} ${n}`).join(', ')}${top.length > 10 ? `, and ${top.length - 10} more` : ''}`);
  }
  out.push(`timings: ${entries(report.timings, ' ms')}`);
  const k = report.kuzu;
  if (k.status === 'ok') out.push(style.green('kuzu: ok'));
  else if (k.status === 'disabled') out.push(style.dim('kuzu: disabled (--no-kuzu); graph.json only, any old graph.kuzu was removed'));
  else out.push(style.yellow(`kuzu: DEGRADED in ${k.phase}: ${firstLine(k.reason ?? '')}; graph.json is complete, graph.kuzu was not replaced and any old one was removed`));
  if (report.diagnostics.total > 0) {
    out.push(`diagnostics: ${report.diagnostics.total} (${entries(report.diagnostics.byCode)}); see report.json`);
  }
  if (validationText) out.push('', validationText);
  return out.join('\n');
}

function entries(record: Readonly<Record<string, number>>, unit = ''): string {
  return Object.entries(record)
    .map(([k, v]) => `${k} ${v}${unit}`)
    .join(', ');
}
