import { displayName } from '../query/lookup.js';
import type { Answer, CallRow, DepsRow, LookupFailure, PathStep, ReachedRow } from '../query/questions.js';
import type { QueryNode } from '../query/store.js';
import type { RelationshipType } from '../graph/model.js';
import { renderTable } from './table.js';

/** How a row relates to the node one step nearer the subject, in words. */
const RELATION_WORDS: Readonly<Record<RelationshipType, string>> = {
  CALLS: 'calls',
  IMPORTS: 'imports',
  INHERITS: 'extends',
  IMPLEMENTS: 'implements',
  DEFINES: 'defines',
  CONTAINS: 'contains',
};

/** A question's answer as plain text (no colour, no trailing newline). */
export function renderAnswerText(answer: Answer): string {
  switch (answer.kind) {
    case 'ambiguous':
    case 'unknown':
      return renderLookupFailure(answer);
    case 'rows':
      break;
  }
  switch (answer.question) {
    case 'find':
      return `${nodeTable(answer.rows)}\n(${count(answer.rows.length, 'match', 'matches')})`;
    case 'callers':
    case 'callees':
      return callsText(answer.question, answer.subjects, answer.rows);
    case 'impact':
      return impactText(answer.subjects, answer.seeds, answer.rows);
    case 'deps':
      return depsText(answer);
    case 'path':
      return pathText(answer.from, answer.to, answer.rows);
  }
}

/** The candidates of an ambiguous name (as `find` lists them), or the nearest names of an unknown one. */
export function renderLookupFailure(failure: LookupFailure): string {
  if (failure.kind === 'ambiguous') return `${nodeTable(failure.candidates)}\n(${count(failure.candidates.length, 'match', 'matches')})`;
  return failure.nearest.length === 0 ? 'no similar names' : `nearest names: ${failure.nearest.join(', ')}`;
}

/** The one-line error of a failed lookup. */
export function lookupFailureMessage(failure: LookupFailure): string {
  const what = failure.role ? `${failure.role} '${failure.text}'` : `'${failure.text}'`;
  return failure.kind === 'ambiguous'
    ? `${what} names ${failure.candidates.length} symbols: give its id, file:name or Class.method, or pass --all for every one`
    : `${what} names nothing${failure.nearest.length > 0 ? ` (did you mean ${failure.nearest.join(', ')}?)` : ''}`;
}

export function nodeTable(nodes: readonly QueryNode[]): string {
  return renderTable(['label', 'name', 'file', 'line', 'id'], nodes.map((n) => [n.label, displayName(n), n.file ?? '', n.line === undefined ? '' : String(n.line), n.id]), new Set([3]));
}

export function describeNode(node: QueryNode): string {
  return `${displayName(node)} (${node.label}${node.file && node.label !== 'File' ? `, ${node.file}${node.line ? `:${node.line}` : ''}` : ''})`;
}

function subjectsLine(subjects: readonly QueryNode[]): string {
  return subjects.map(describeNode).join(', ');
}

function callsText(question: 'callers' | 'callees', subjects: readonly QueryNode[], rows: readonly CallRow[]): string {
  const head = `${question} of ${subjectsLine(subjects)}`;
  if (rows.length === 0) return `${head}: none`;
  const names = nameIndex(subjects, rows);
  const deep = rows.some((r) => r.distance > 1);
  const table = renderTable(
    ['distance', question === 'callers' ? 'caller' : 'callee', 'label', 'defined at', 'call at', 'sites', 'stage', 'confidence', ...(deep ? ['via'] : [])],
    rows.map((r) => [
      String(r.distance),
      displayName(r),
      r.label,
      place(r.file, r.line),
      place(r.callFile, r.callLine),
      r.callSites === undefined ? '' : String(r.callSites),
      r.stage ?? '',
      r.confidence === undefined ? '' : String(r.confidence),
      ...(deep ? [r.distance > 1 ? (names.get(r.via) ?? r.via) : ''] : []),
    ]),
    new Set([0, 5, 7]),
  );
  return `${head}\n${table}\n(${count(rows.length, question === 'callers' ? 'caller' : 'callee')})`;
}

function impactText(subjects: readonly QueryNode[], seeds: readonly QueryNode[], rows: readonly ReachedRow[]): string {
  const files = new Set(rows.map((r) => r.file ?? r.id));
  const more = seeds.length - subjects.length;
  const start = more > 0 ? `, from it and ${count(more, 'more starting point')} (its file, methods or definitions)` : '';
  const head = `impact of ${subjectsLine(subjects)}${start}: ${count(rows.length, 'node')} in ${count(files.size, 'file')}`;
  if (rows.length === 0) return head;
  const names = nameIndex(seeds, rows);
  const lines = [head];
  let distance = 0;
  let file: string | undefined;
  for (const r of rows) {
    if (r.distance !== distance) {
      distance = r.distance;
      file = undefined;
      lines.push(`distance ${distance}`);
    }
    if ((r.file ?? r.id) !== file) {
      file = r.file ?? r.id;
      lines.push(`  ${file}`);
    }
    const what = r.label === 'File' ? 'the file' : `${r.label} ${displayName(r)}${r.line === undefined ? '' : ` (line ${r.line})`}`;
    lines.push(`    ${what} ${RELATION_WORDS[r.relation]} ${names.get(r.via) ?? r.via}`);
  }
  return lines.join('\n');
}

function depsText(answer: Extract<Answer, { question: 'deps'; kind: 'rows' }>): string {
  const sections = [`dependencies of ${subjectsLine(answer.subjects)}`];
  const names = nameIndex(answer.subjects, answer.rows);
  for (const [direction, title] of [['imports', 'imports'], ['importedBy', 'imported by']] as const) {
    const rows = answer.rows.filter((r) => r.direction === direction);
    sections.push(rows.length === 0 ? `${title}: none` : `${title}\n${depsTable(rows, names)}`);
  }
  sections.push(
    answer.packages.length === 0
      ? 'packages outside the repository: none'
      : `packages outside the repository\n${renderTable(['distance', 'package', 'imported in'], answer.packages.map((p) => [String(p.distance), p.package, p.files.join(', ')]), new Set([0]))}`,
  );
  return sections.join('\n\n');
}

function depsTable(rows: readonly DepsRow[], names: ReadonlyMap<string, string>): string {
  return renderTable(
    ['distance', 'file', 'line', 'via'],
    rows.map((r) => [String(r.distance), r.file ?? r.id, r.importLine === undefined ? '' : String(r.importLine), r.distance > 1 ? (names.get(r.via) ?? r.via) : '']),
    new Set([0, 2]),
  );
}

function pathText(from: readonly QueryNode[], to: readonly QueryNode[], rows: readonly PathStep[]): string {
  if (rows.length === 0) return `no path from ${subjectsLine(from)} to ${subjectsLine(to)} along CALLS and IMPORTS`;
  const lines = [`shortest path: ${count(rows.length - 1, 'step')}`];
  for (const step of rows) {
    const arrow = step.relation ? `  -${step.relation}${step.relationLine === undefined ? '' : ` (line ${step.relationLine})`}-> ` : '  ';
    lines.push(`${arrow}${describeNode(step)}`);
  }
  return lines.join('\n');
}

function nameIndex(subjects: readonly QueryNode[], rows: readonly QueryNode[]): Map<string, string> {
  return new Map([...subjects, ...rows].map((n) => [n.id, n.label === 'File' ? (n.file ?? n.name) : displayName(n)]));
}

function place(file: string | undefined, line: number | undefined): string {
  return file === undefined ? '' : line === undefined ? file : `${file}:${line}`;
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
