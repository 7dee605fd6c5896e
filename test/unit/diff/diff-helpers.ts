import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { diffGraphs } from '../../../src/diff/compare.js';
import { DIFFED_TYPES, type GraphDiff } from '../../../src/diff/model.js';
import { unresolvedFromReport } from '../../../src/diff/unresolved.js';
import { openGraphLines } from '../../../src/storage/graph-lines.js';
import { indexInProcess } from '../../helpers/index-in-process.js';

export const FIXTURES = path.resolve(__dirname, '../../fixtures');

/** A copy of a fixture repository at `<dir>/<fixture>`, so both sides of a diff have the same root name. */
export function copyRepo(fixture: string, dir: string): string {
  const repo = path.join(dir, fixture);
  cpSync(path.join(FIXTURES, fixture), repo, { recursive: true });
  return repo;
}

export function edit(repo: string, file: string, change: (text: string) => string): void {
  const abs = path.join(repo, file);
  writeFileSync(abs, change(readFileSync(abs, 'utf8')));
}

/** Indexes the fixture as it is (base) and after `change` (head), in this process, and diffs them. */
export async function diffAfter(scratch: string, name: string, fixture: string, change: (repo: string) => void, depth = 3): Promise<GraphDiff> {
  const base = copyRepo(fixture, path.join(scratch, name, 'base'));
  const head = copyRepo(fixture, path.join(scratch, name, 'head'));
  change(head);
  await indexInProcess(base, path.join(scratch, name, 'base-out'));
  await indexInProcess(head, path.join(scratch, name, 'head-out'));
  return diffOutputs(path.join(scratch, name, 'base-out'), path.join(scratch, name, 'head-out'), depth);
}

/** Diffs two output folders as `codegraph diff` reads them, labelled base and head. */
export async function diffOutputs(baseOut: string, headOut: string, depth = 3): Promise<GraphDiff> {
  const side = async (out: string, label: string) => {
    const lines = await openGraphLines(out);
    const unresolved = unresolvedFromReport(lines.report?.diagnostics);
    return { label, root: lines.root, batches: lines.batches, ...(unresolved ? { unresolved } : {}) };
  };
  return diffGraphs(await side(baseOut, 'base'), await side(headOut, 'head'), { depth, top: 10 });
}

/** The diff in short lines, every section present (an empty one is an empty list). */
export function view(d: GraphDiff): Record<string, unknown> {
  const edges: Record<string, string[]> = {};
  for (const t of DIFFED_TYPES) {
    edges[`+${t}`] = d.relationships[t].added.map((e) => `${e.source.id} -> ${e.target.id}`);
    edges[`-${t}`] = d.relationships[t].removed.map((e) => `${e.source.id} -> ${e.target.id}`);
  }
  return {
    unchanged: d.unchanged,
    files: d.files,
    added: d.definitions.added.map((s) => s.id),
    removed: d.definitions.removed.map((s) => s.id),
    moved: d.definitions.moved.map((m) => `${m.id} ${m.before.startLine}-${m.before.endLine} -> ${m.startLine}-${m.endLine}${m.resized ? ' resized' : ''}`),
    ...edges,
    fanIn: d.fanIn.map((f) => `${f.symbol.id} ${f.before} -> ${f.after}`),
    cycles: d.cycles,
    unresolved: { known: d.unresolvedImports.known, added: d.unresolvedImports.added.map((u) => `${u.file}:${u.line} ${u.specifier}`), fixed: d.unresolvedImports.fixed.map((u) => `${u.file}:${u.line} ${u.specifier}`) },
    impact: d.impact.affected.map((a) => `${a.distance} ${a.via} ${a.id}`),
  };
}

/** `view` of a diff with nothing in it but what `expected` names. */
export function only(expected: Record<string, unknown>): Record<string, unknown> {
  const empty: Record<string, unknown> = {
    unchanged: false,
    files: { added: [], removed: [], changed: [] },
    added: [],
    removed: [],
    moved: [],
    ...Object.fromEntries(DIFFED_TYPES.flatMap((t) => [[`+${t}`, []], [`-${t}`, []]])),
    fanIn: [],
    cycles: { created: [], broken: [] },
    unresolved: { known: true, added: [], fixed: [] },
    impact: [],
  };
  return { ...empty, ...expected };
}
