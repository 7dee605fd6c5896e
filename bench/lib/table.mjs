// Formats bench results as plain-text tables and checks them against the issue-12 targets.

const MB = 1e6;

export const fmt = {
  s: (ms) => (ms == null ? '' : (ms / 1000).toFixed(ms < 10_000 ? 2 : 1)),
  mb: (bytes) => (bytes == null ? '' : (bytes / MB).toFixed(bytes < 10 * MB ? 2 : 1)),
  n: (v, digits = 0) => (v == null || !Number.isFinite(v) ? '' : v.toFixed(digits)),
  x: (v) => (v == null || !Number.isFinite(v) ? '' : `${v.toFixed(2)}x`),
};

/** Renders rows (arrays of strings) under headers, right-aligning all but the first column. */
export function renderTable(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i] ?? '').length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c ?? '').padEnd(widths[i]) : String(c ?? '').padStart(widths[i]))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** A cell for a measurement that may have failed: the value, or `ERR[n]` pointing at a note. */
export function cell(run, value, notes) {
  if (!run) return '';
  if (run.failure) {
    notes.push(run.failure);
    return `ERR[${notes.length}]`;
  }
  return value;
}

export const MAIN_HEADERS = [
  'corpus', 'files', 'MB', 'w', 'index s', 'cpu s', 'RSS MB', 'RSS/MB', 'files/s', 'MB/s', 'floor s', 'x floor',
  'pfloor s', 'x pfloor', 'no-kuzu s', 'kuzu/nk', 'nk/floor', 'rerun s', 'x rerun', 'json MB', 'kuzu MB',
];

export function mainRows(results) {
  const notes = [];
  const rows = [];
  for (const c of results) {
    if (c.failure) {
      notes.push(`${c.name}: ${c.failure}`);
      rows.push([c.name, '', '', '', `ERR[${notes.length}]`]);
      continue;
    }
    for (const r of c.runs) {
      const label = (run) => run && run.failure && `${c.name} w${r.workers} ${run.step}: ${run.failure}`;
      const k = r.index;
      const wallS = k && !k.failure ? k.wallMs / 1000 : null;
      const note = (run) => (run && run.failure ? { ...run, failure: label(run) } : run);
      rows.push([
        c.name, String(c.files), fmt.mb(c.bytes), String(r.workers),
        cell(note(k), fmt.s(k?.wallMs), notes),
        k && !k.failure && k.userS != null ? fmt.n(k.userS + k.sysS, 1) : '',
        k && !k.failure ? fmt.n(k.peakRssMb) : '',
        k && !k.failure && c.bytes > 0 ? fmt.n(k.peakRssMb / (c.bytes / MB), 1) : '',
        wallS ? fmt.n(c.files / wallS) : '',
        wallS ? fmt.n(c.bytes / MB / wallS, 2) : '',
        cell(note(r.floor), fmt.s(r.floor?.wallMs), notes),
        fmt.x(r.ratios.floor),
        cell(note(r.parseFloor), fmt.s(r.parseFloor?.wallMs), notes),
        fmt.x(r.ratios.parseFloor),
        cell(note(r.noKuzu), fmt.s(r.noKuzu?.wallMs), notes),
        fmt.x(r.ratios.kuzu),
        fmt.x(r.ratios.noKuzuFloor),
        cell(note(r.rerun), fmt.s(r.rerun?.wallMs), notes),
        fmt.x(r.ratios.rerun),
        fmt.mb(r.sizes?.graphJson), fmt.mb(r.sizes?.graphKuzu),
      ]);
    }
  }
  return { rows, notes };
}

export const PHASE_HEADERS = ['corpus', 'w', 'run', 'walk', 'parse', 'resolve', 'write', 'validate', 'total', 'phase build ms (kuzu ms)'];

export function phaseRows(results) {
  const rows = [];
  for (const c of results) {
    for (const r of c.runs ?? []) {
      for (const [name, run] of [['kuzu', r.index], ['no-kuzu', r.noKuzu], ['rerun', r.rerun]]) {
        const t = run?.report?.timings;
        if (!t) continue;
        const phases = (run.report.phases ?? []).map((p) => {
          const kuzu = (p.stores ?? []).find((s) => s.store === 'kuzu');
          return `${p.phase} ${Math.round(p.buildMs)}${kuzu ? ` (${Math.round(kuzu.ms)})` : ''}`;
        });
        // Kuzu's COMMIT writes every phase's rows at once and belongs to none of them (ADR 0001).
        if (t.kuzuCommit !== undefined) phases.push(`commit (${Math.round(t.kuzuCommit)})`);
        rows.push([c.name, String(r.workers), name, fmt.s(t.walk), fmt.s(t.parse), fmt.s(t.resolve), fmt.s(t.write), fmt.s(t.validate), fmt.s(t.total), phases.join(', ')]);
      }
    }
  }
  return rows;
}

export const GRAPH_HEADERS = ['corpus', 'nodes', 'rels', 'IMPORTS', 'CALLS', 'INHERITS', 'IMPLEMENTS', 'diagnostics', 'syntax errors', 'vs generator', 'load avg'];

/** For a synthetic corpus: the counts the generator planned against what the graph holds. */
export function compareWithGenerator(expected, totals) {
  if (!expected) return '';
  const checks = [
    ['Class', totals.byLabel?.Class, expected.classes],
    ['Interface', totals.byLabel?.Interface, expected.interfaces],
    ['Function', totals.byLabel?.Function, expected.functions],
    ['Type', totals.byLabel?.Type, expected.types],
    ['Enum', totals.byLabel?.Enum, expected.enums],
    ['IMPORTS', totals.byType?.IMPORTS, expected.importEdges],
    ['INHERITS', totals.byType?.INHERITS, expected.extends + expected.interfaceExtends],
    ['IMPLEMENTS', totals.byType?.IMPLEMENTS, expected.implements],
  ];
  const off = checks.filter(([, got, want]) => want !== undefined && !Number.isNaN(want) && (got ?? 0) !== want);
  return off.length === 0 ? 'exact' : off.map(([name, got, want]) => `${name} ${got ?? 0}/${want}`).join(', ');
}

/** What the first successful index run of each corpus produced, and how busy the machine was. */
export function graphRows(results) {
  const rows = [];
  for (const c of results) {
    const run = (c.runs ?? []).map((r) => r.index).find((r) => r && r.report?.totals);
    if (!run) continue;
    const { totals, diagnostics, files } = run.report;
    const byCode = Object.entries(diagnostics?.byCode ?? {}).map(([code, n]) => `${code} ${n}`).join(', ');
    rows.push([
      c.name, String(totals.nodes), String(totals.relationships),
      String(totals.byType?.IMPORTS ?? 0), String(totals.byType?.CALLS ?? 0),
      String(totals.byType?.INHERITS ?? 0), String(totals.byType?.IMPLEMENTS ?? 0),
      byCode || '0', String(files?.syntaxErrors ?? ''), compareWithGenerator(c.expected, totals), c.loadAvg ? c.loadAvg.map((l) => l.toFixed(1)).join(' / ') : '',
    ]);
  }
  return rows;
}

/**
 * The issue-12 targets, each judged on the corpora its row of the issue names, on the runs with
 * two workers, with the figures it was judged on. A target whose corpora were not run is left out.
 */
export function checkTargets(results) {
  const out = [];
  const runOf = (name) => results.find((c) => c.name === name && c.runs)?.runs.find((r) => r.workers === 2 && r.index && !r.index.failure);
  const at = (names) => names.map((name) => [name, runOf(name)]).filter(([, r]) => r);
  // Verdicts are on wall time, as the targets are stated; the CPU-time ratio follows in brackets,
  // and for a floor ratio the least one the run's CPU time allows on the machine's cores.
  const ratioTarget = (target, names, key, limit) => {
    const figures = at(names).map(([name, r]) => [name, r.ratios[key], r.cpuRatios?.[key], r.cpuBounds?.[key], r.cpuBounds?.cores]).filter(([, v]) => v != null);
    if (figures.length === 0) return;
    const bound = (b, cores) => (b != null ? `, so at least ${fmt.x(b)} on ${cores} cores` : '');
    const show = ([n, v, cpu, b, cores]) => `${n} ${fmt.x(v)}${cpu != null ? ` (cpu ${fmt.x(cpu)}${bound(b, cores)})` : ''}`;
    out.push({ target, met: figures.every(([, v]) => limit(v)), figures: figures.map(show).join(', ') });
  };
  const rssTarget = (target, names, limit) => {
    const figures = at(names).map(([name, r]) => ({ name, mb: r.index.peakRssMb, srcMb: results.find((c) => c.name === name).bytes / MB })).filter((f) => f.mb != null);
    if (figures.length === 0) return;
    out.push({ target, met: figures.every(limit), figures: figures.map((f) => `${f.name} ${fmt.n(f.mb)} MB for ${fmt.n(f.srcMb, 1)} MB (${fmt.n(f.mb / f.srcMb, 1)} MB/MB)`).join(', ') });
  };
  ratioTarget('index (Kuzu + validation) <= 1.5x the single-worker parse floor', ['mix', 'real-10k', 'synthetic-50000'], 'floor', (v) => v <= 1.5);
  ratioTarget('index <= 1.10x index --no-kuzu', ['mix'], 'kuzu', (v) => v <= 1.1);
  ratioTarget('index --no-kuzu <= 1.3x the single-worker parse floor', ['mix'], 'noKuzuFloor', (v) => v <= 1.3);
  rssTarget('peak RSS <= 400 MB on the 9 MB mix', ['mix'], (f) => f.mb <= 400);
  ratioTarget('unchanged re-index <= 0.1x the full index (x rerun >= 10)', ['mix'], 'rerun', (v) => v >= 10);
  rssTarget('peak RSS <= 10 MB per MB of source on the 10,000-file real tree', ['real-10k'], (f) => f.mb / f.srcMb <= 10);
  rssTarget('peak RSS <= 1.3 GB on the 50,000-file synthetic tree', ['synthetic-50000'], (f) => f.mb <= 1300);
  return out;
}
