import type { EdgeRef, GraphDiff, SymbolRef } from '../diff/model.js';
import { DIFFED_TYPES } from '../diff/model.js';
import { short } from './diff-lines.js';

/**
 * The changed neighbourhood as a Mermaid flowchart: relationships added (solid) and removed
 * (dashed) with their ends, definitions added and removed, coloured; at most `maxNodes` nodes,
 * the relationships first.
 */
export function renderDiffMermaid(diff: GraphDiff, maxNodes: number): string {
  const names = new Map<string, string>();
  const lines: string[] = ['flowchart LR'];
  const classes: Record<'added' | 'removed', string[]> = { added: [], removed: [] };
  let dropped = 0;
  const node = (s: SymbolRef): string | undefined => {
    let name = names.get(s.id);
    if (name) return name;
    if (names.size >= maxNodes) return undefined;
    name = `n${names.size}`;
    names.set(s.id, name);
    lines.push(`  ${name}["${label(short(s))}"]`);
    return name;
  };
  const edge = (e: EdgeRef, kind: 'added' | 'removed'): void => {
    // Both ends or neither: an edge never leaves a lone node behind.
    const missing = new Set([e.source.id, e.target.id].filter((id) => !names.has(id)));
    if (names.size + missing.size > maxNodes) {
      dropped++;
      return;
    }
    const from = node(e.source)!;
    const to = node(e.target)!;
    lines.push(kind === 'added' ? `  ${from} -->|"+${e.type}"| ${to}` : `  ${from} -.->|"-${e.type}"| ${to}`);
  };
  for (const type of DIFFED_TYPES) {
    for (const e of diff.relationships[type].added) edge(e, 'added');
    for (const e of diff.relationships[type].removed) edge(e, 'removed');
  }
  for (const [kind, list] of [['added', diff.definitions.added], ['removed', diff.definitions.removed]] as const) {
    for (const s of list) {
      const name = node(s);
      if (name) classes[kind].push(name);
      else dropped++;
    }
  }
  lines.push('  classDef added fill:#d4f8d4,stroke:#2a2', '  classDef removed fill:#f8d4d4,stroke:#a22,stroke-dasharray:3');
  if (classes.added.length > 0) lines.push(`  class ${classes.added.join(',')} added`);
  if (classes.removed.length > 0) lines.push(`  class ${classes.removed.join(',')} removed`);
  if (dropped > 0) lines.push(`  %% ${dropped} more change${dropped === 1 ? '' : 's'} left out (at most ${maxNodes} nodes)`);
  return lines.join('\n');
}

/** Mermaid labels are quoted; a quote inside one is written as an entity. */
function label(text: string): string {
  return text.replaceAll('"', '#quot;');
}
