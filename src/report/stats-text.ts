import type { RankedFile } from '../graph/stats.js';
import type { GroupedCounts, StatsReport } from '../validate/collect-stats.js';
import type { LastRun } from '../validate/last-run.js';
import { renderTable } from './table.js';
import { compareIds } from '../graph/ids.js';

const RIGHT_1 = new Set([1]);

/** `codegraph stats` as plain text (no colour, no trailing newline). */
export function renderStatsText(report: StatsReport): string {
  const g = report.graph;
  const sections: string[] = [
    `stats of ${report.outDir}\nread ${report.source.store} (${report.source.why})`,
    `${g.nodes} nodes, ${g.relationships} relationships`,
    renderTable(['label', 'nodes'], sortedEntries(g.byLabel), RIGHT_1),
    renderTable(['type', 'relationships'], sortedEntries(g.byType), RIGHT_1),
    renderTable(['language', 'files'], sortedEntries(g.filesByLanguage), RIGHT_1),
    importsSection(report),
    callsSection(report),
    ranked(`top files by lines`, 'lines', g.top.filesByLines),
    ranked(`top files by fan-in (files importing them)`, 'importers', g.top.filesByFanIn),
    ranked(`top files by fan-out (files they import)`, 'imports', g.top.filesByFanOut),
    g.top.mostCalled.length === 0
      ? 'most-called functions and methods: none'
      : `most-called functions and methods\n${renderTable(
          ['symbol', 'callers', 'call sites', 'file'],
          g.top.mostCalled.map((s) => [s.name, String(s.callers), String(s.callSites), s.file ?? '']),
          new Set([1, 2]),
        )}`,
    g.top.deepestClasses.length === 0
      ? 'deepest class hierarchies: none'
      : `deepest class hierarchies\n${renderTable(
          ['class', 'depth', 'chain', 'file'],
          g.top.deepestClasses.map((c) => [c.name, String(c.depth), c.chain.join(' > '), c.file ?? '']),
          RIGHT_1,
        )}`,
    g.importCycleCount === 0
      ? 'import cycles: none'
      : `import cycles (files that import each other): ${g.importCycleCount}${g.importCycleCount > g.importCycles.length ? `, the ${g.importCycles.length} largest:` : ''}\n${g.importCycles.map((c, i) => `  ${i + 1}. ${cycleLine(c)}`).join('\n')}`,
  ];
  if (report.lastRun) sections.push(lastRunSection(report.lastRun));
  else sections.push('last run: no report.json');
  return sections.join('\n\n');
}

function importsSection(report: StatsReport): string {
  const g = report.graph;
  const lines = [`imports: ${g.byType['IMPORTS'] ?? 0} file-to-file relationships${kinds(g.importsByKind)}`];
  if (report.imports) lines.push(...groupedLines(report.imports));
  return lines.join('\n');
}

function callsSection(report: StatsReport): string {
  const stages = Object.entries(report.graph.callsByStage).sort(([a], [b]) => compareIds(a, b));
  const lines = [`calls: ${report.graph.byType['CALLS'] ?? 0} caller-callee relationships`];
  if (stages.length > 0) {
    lines.push(renderTable(['stage', 'relationships', 'call sites'], stages.map(([s, c]) => [s, String(c.relationships), String(c.callSites)]), new Set([1, 2])));
  }
  if (report.calls) lines.push(...groupedLines(report.calls));
  return lines.join('\n');
}

/** A processor's counts from report.json: totals on one line, then one line per group. */
function groupedLines(counts: GroupedCounts): string[] {
  const lines: string[] = [];
  const totals = sortedEntries(counts.totals);
  if (totals.length > 0) lines.push(`  last run: ${totals.map(([k, v]) => `${k} ${v}`).join(', ')}`);
  for (const [group, values] of Object.entries(counts.groups).sort(([a], [b]) => compareIds(a, b))) {
    const shown = sortedEntries(values).filter(([, v]) => v !== '0');
    if (shown.length > 0) lines.push(`  ${group}: ${shown.map(([k, v]) => `${k} ${v}`).join(', ')}`);
  }
  return lines;
}

function lastRunSection(run: LastRun): string {
  const head = `last index run${run.version ? ` (codegraph ${run.version}` : ' ('}${run.startedAt ? `, ${run.startedAt}` : ''})`;
  const lines = [head.replace(' ()', '')];
  if (run.files) lines.push(filesLine(run.files));
  if (run.kuzu) lines.push(`graph.kuzu: ${run.kuzu.status}${run.kuzu.stale ? ' (stale)' : ''}${run.kuzu.reason ? `: ${run.kuzu.reason}` : ''}`);
  if (run.writes.length > 0) {
    const frac = (c?: { written: number; attempted: number }) => (c ? `${c.written}/${c.attempted}` : '');
    lines.push(
      renderTable(
        ['phase', 'store', 'nodes', 'relationships', 'failed', 'ms', 'status'],
        run.writes.map((w) => [
          w.phase,
          w.store,
          frac(w.nodes),
          frac(w.relationships),
          String((w.nodes?.failed ?? 0) + (w.relationships?.failed ?? 0)),
          w.ms === undefined ? '' : String(Math.round(w.ms)),
          w.status ?? '',
        ]),
        new Set([2, 3, 4, 5]),
      ),
    );
  }
  const timings = Object.entries(run.timings);
  if (timings.length > 0) lines.push(`timings: ${timings.map(([k, v]) => `${k} ${Math.round(v)} ms`).join(', ')}`);
  return lines.join('\n');
}

/** Files parsed, how many still have syntax errors, how many needed the grammar's misreads masked. */
function filesLine(files: Readonly<Record<string, number>>): string {
  const parsed = files['parsed'] ?? 0;
  const errors = files['syntaxErrors'] ?? 0;
  const share = parsed > 0 ? ` (${((100 * errors) / parsed).toFixed(1)}%)` : '';
  const masked = files['masked'] ? `, ${files['masked']} read after masking what the grammar misreads` : '';
  return `files: ${files['found'] ?? parsed} found, ${parsed} parsed, ${errors} with syntax errors${share}${masked}`;
}

const CYCLE_FILES_SHOWN = 10;

function cycleLine(files: readonly string[]): string {
  const shown = files.slice(0, CYCLE_FILES_SHOWN).join(', ');
  const rest = files.length - CYCLE_FILES_SHOWN;
  return `${files.length} files: ${shown}${rest > 0 ? `, … and ${rest} more` : ''}`;
}

function ranked(title: string, unit: string, files: readonly RankedFile[]): string {
  if (files.length === 0) return `${title}: none`;
  return `${title}\n${renderTable(['file', unit], files.map((f) => [f.file, String(f.value)]), RIGHT_1)}`;
}

function kinds(byKind: Readonly<Record<string, number>>): string {
  const entries = sortedEntries(byKind);
  return entries.length === 0 ? '' : ` (${entries.map(([k, v]) => `${k} ${v}`).join(', ')})`;
}

/** Entries by count, highest first, then by name; counts as text. */
function sortedEntries(record: Readonly<Record<string, number>>): [string, string][] {
  return Object.entries(record)
    .sort(([ka, a], [kb, b]) => b - a || (ka < kb ? -1 : 1))
    .map(([k, v]) => [k, String(v)]);
}
