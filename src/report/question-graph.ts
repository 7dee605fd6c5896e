import { displayName } from '../query/lookup.js';
import type { Answer } from '../query/questions.js';
import type { QueryNode } from '../query/store.js';

export type GraphFormat = 'mermaid' | 'dot';

/** Past this many nodes a drawing stops being readable; the rest is left out, and said so. */
export const DRAWING_NODE_LIMIT = 40;

interface Drawing {
  readonly nodes: readonly QueryNode[];
  /** [from id, to id, label] */
  readonly edges: readonly (readonly [string, string, string])[];
  readonly subjects: ReadonlySet<string>;
}

export interface RenderedDrawing {
  readonly text: string;
  /** Nodes left out to stay readable (0 when everything is drawn). */
  readonly leftOut: number;
}

/**
 * An answer drawn as a graph for a pull request (Mermaid) or Graphviz (DOT): the subject first,
 * then rows nearest first, up to `limit` nodes; an edge is drawn when both its ends are.
 */
export function renderAnswerGraph(answer: Answer, format: GraphFormat, limit = DRAWING_NODE_LIMIT): RenderedDrawing {
  const drawing = drawingOf(answer);
  const kept = drawing.nodes.slice(0, limit);
  const ids = new Set(kept.map((n) => n.id));
  const edges = drawing.edges.filter(([a, b]) => ids.has(a) && ids.has(b));
  const leftOut = drawing.nodes.length - kept.length;
  const note = leftOut > 0 ? `${leftOut} more nodes and their edges left out (limit ${limit}); --json lists them all` : undefined;
  const text = format === 'mermaid' ? mermaid(kept, edges, drawing.subjects, note) : dot(kept, edges, drawing.subjects, note);
  return { text, leftOut };
}

function drawingOf(answer: Answer): Drawing {
  if (answer.kind !== 'rows') return { nodes: answer.kind === 'ambiguous' ? answer.candidates : [], edges: [], subjects: new Set() };
  switch (answer.question) {
    case 'find':
      return { nodes: answer.rows, edges: [], subjects: new Set() };
    case 'path':
      return {
        nodes: answer.rows,
        edges: answer.rows.slice(1).map((r, i) => [answer.rows[i]!.id, r.id, (r.relation ?? '').toLowerCase()] as const),
        subjects: new Set([answer.rows[0]?.id ?? '', answer.rows.at(-1)?.id ?? '']),
      };
    default: {
      // Every relation points the way the code does: the caller to the callee, the importer to the imported.
      const toward = (row: object): boolean => answer.question === 'callees' || ('direction' in row && row.direction === 'imports');
      return {
        nodes: [...answer.subjects, ...answer.rows],
        edges: answer.rows.map((r): readonly [string, string, string] => (toward(r) ? [r.via, r.id, r.relation.toLowerCase()] : [r.id, r.via, r.relation.toLowerCase()])),
        subjects: new Set(answer.subjects.map((s) => s.id)),
      };
    }
  }
}

function label(node: QueryNode): string {
  return node.label === 'File' ? (node.file ?? node.name) : `${displayName(node)}\n${node.file ?? ''}${node.line === undefined ? '' : `:${node.line}`}`;
}

function mermaid(nodes: readonly QueryNode[], edges: Drawing['edges'], subjects: ReadonlySet<string>, note: string | undefined): string {
  const key = new Map(nodes.map((n, i) => [n.id, `n${i}`]));
  const text = (s: string): string => s.replaceAll('"', '#quot;').replaceAll('\n', '<br/>');
  const lines = ['flowchart LR'];
  if (note) lines.push(`  %% ${note}`);
  for (const n of nodes) lines.push(`  ${key.get(n.id)}["${text(label(n))}"]`);
  for (const [a, b, l] of edges) lines.push(`  ${key.get(a)} -->|${l}| ${key.get(b)}`);
  for (const id of subjects) if (key.has(id)) lines.push(`  style ${key.get(id)} stroke-width:3px`);
  return lines.join('\n');
}

function dot(nodes: readonly QueryNode[], edges: Drawing['edges'], subjects: ReadonlySet<string>, note: string | undefined): string {
  const quote = (s: string): string => `"${s.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"`;
  const lines = ['digraph codegraph {', '  rankdir=LR;', '  node [shape=box, fontname="Helvetica"];'];
  if (note) lines.push(`  // ${note}`);
  for (const n of nodes) lines.push(`  ${quote(n.id)} [label=${quote(label(n))}${subjects.has(n.id) ? ', penwidth=3' : ''}];`);
  for (const [a, b, l] of edges) lines.push(`  ${quote(a)} -> ${quote(b)} [label=${quote(l)}];`);
  lines.push('}');
  return lines.join('\n');
}
