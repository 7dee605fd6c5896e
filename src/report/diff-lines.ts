import type { EdgeRef, GraphDiff, MovedSymbol, SymbolRef, UnresolvedImport } from '../diff/model.js';
import { DIFFED_TYPES } from '../diff/model.js';

// Words and lines shared by the terminal and markdown renderings of a diff.

export function where(s: SymbolRef): string {
  if (s.label === 'File') return s.name;
  return s.startLine !== undefined ? `${s.file}:${s.startLine}` : (s.file ?? '');
}

export function symbolText(s: SymbolRef): string {
  return s.label === 'File' ? s.name : `${s.label} ${s.name} (${where(s)})`;
}

export function edgeText(e: EdgeRef): string {
  const site = e.line !== undefined && e.source.file !== undefined ? ` at ${e.source.file}:${e.line}` : '';
  return `${short(e.source)} -> ${short(e.target)}${site}`;
}

/** A node named briefly: the name, and its file when it is a definition. */
export function short(s: SymbolRef): string {
  return s.label === 'File' ? s.name : `${s.name} (${s.file ?? '?'})`;
}

export function movedText(m: MovedSymbol): string {
  const lines = (r: { startLine?: number; endLine?: number }): string => `${r.startLine ?? '?'}-${r.endLine ?? '?'}`;
  return `${m.label} ${m.name} (${m.file}) lines ${lines(m.before)} -> ${lines(m)}${m.resized ? ', resized' : ''}`;
}

export function unresolvedText(u: UnresolvedImport): string {
  return `${u.file}${u.line !== undefined ? `:${u.line}` : ''} '${u.specifier}'`;
}

export function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

/** One line of counts: what a reader wants first. */
export function headline(diff: GraphDiff): string {
  if (diff.unchanged) return 'no change';
  const parts: string[] = [];
  const d = diff.definitions;
  parts.push(`definitions +${d.added.length} -${d.removed.length} moved ${d.moved.length}`);
  for (const type of DIFFED_TYPES) {
    const r = diff.relationships[type];
    if (r.added.length + r.removed.length > 0) parts.push(`${type} +${r.added.length} -${r.removed.length}`);
  }
  if (diff.cycles.created.length > 0) parts.push(`${diff.cycles.created.length} new import cycle${diff.cycles.created.length === 1 ? '' : 's'}`);
  if (diff.cycles.broken.length > 0) parts.push(`${diff.cycles.broken.length} import cycle${diff.cycles.broken.length === 1 ? '' : 's'} broken`);
  if (diff.unresolvedImports.added.length > 0) parts.push(`${diff.unresolvedImports.added.length} import${diff.unresolvedImports.added.length === 1 ? '' : 's'} stopped resolving`);
  parts.push(`impact ${diff.impact.affected.length} (depth ${diff.impact.depth})`);
  return parts.join(', ');
}

export interface Section {
  readonly title: string;
  readonly items: readonly string[];
}

/** The sections of a diff, most consequential first; empty ones are left out. */
export function sections(diff: GraphDiff): Section[] {
  const all: Section[] = [
    { title: 'new import cycles', items: diff.cycles.created.map((c) => c.join(' <-> ')) },
    { title: 'imports that stopped resolving', items: diff.unresolvedImports.added.map(unresolvedText) },
    { title: 'definitions removed', items: diff.definitions.removed.map(symbolText) },
    { title: 'definitions added', items: diff.definitions.added.map(symbolText) },
    ...DIFFED_TYPES.flatMap((type) => [
      { title: `${type} removed`, items: diff.relationships[type].removed.map(edgeText) },
      { title: `${type} added`, items: diff.relationships[type].added.map(edgeText) },
    ]),
    { title: 'fan-in changed (distinct callers)', items: diff.fanIn.map((f) => `${short(f.symbol)} ${f.before} -> ${f.after} (${signed(f.after - f.before)})`) },
    { title: 'import cycles broken', items: diff.cycles.broken.map((c) => c.join(' <-> ')) },
    { title: 'imports that resolve again', items: diff.unresolvedImports.fixed.map(unresolvedText) },
    { title: 'definitions moved', items: diff.definitions.moved.map(movedText) },
    { title: 'files added', items: diff.files.added },
    { title: 'files removed', items: diff.files.removed },
    { title: 'files changed', items: diff.files.changed },
    {
      title: `impact: callers and importers of the change, to depth ${diff.impact.depth}`,
      items: diff.impact.affected.map((a) => `${a.distance}  ${(a.via === 'CALLS' ? 'calls' : 'imports').padEnd(7)}  ${short(a)}`),
    },
  ];
  return all.filter((s) => s.items.length > 0);
}
