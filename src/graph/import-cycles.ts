import { compareIds } from './ids.js';

/** Strongly connected components of the import graph with more than one file, or a self-import. */
export function importCycles(imports: readonly { readonly source: string; readonly target: string }[]): string[][] {
  // Files become small integers so the walk runs on typed arrays: import graphs can be large and deep.
  const numbers = new Map<string, number>();
  const names: string[] = [];
  const number = (id: string): number => {
    let n = numbers.get(id);
    if (n === undefined) {
      n = names.push(id) - 1;
      numbers.set(id, n);
    }
    return n;
  };
  const adjacency: number[][] = [];
  const selfLoops = new Set<number>();
  for (const rel of imports) {
    const from = number(rel.source);
    const to = number(rel.target);
    (adjacency[from] ??= []).push(to);
    if (from === to) selfLoops.add(from);
  }
  const count = names.length;
  const index = new Int32Array(count).fill(-1);
  const low = new Int32Array(count);
  const onStack = new Uint8Array(count);
  const stack: number[] = [];
  // Tarjan's algorithm with an explicit work stack of (node, next edge) instead of recursion.
  const workNode = new Int32Array(count);
  const workNext = new Int32Array(count);
  const components: string[][] = [];
  let counter = 0;
  for (let start = 0; start < count; start++) {
    if (index[start] !== -1) continue;
    let depth = 0;
    const enter = (node: number): void => {
      index[node] = low[node] = counter++;
      stack.push(node);
      onStack[node] = 1;
      workNode[depth] = node;
      workNext[depth++] = 0;
    };
    enter(start);
    while (depth > 0) {
      const node = workNode[depth - 1]!;
      const targets = adjacency[node];
      if (targets && workNext[depth - 1]! < targets.length) {
        const target = targets[workNext[depth - 1]!++]!;
        if (index[target] === -1) enter(target);
        else if (onStack[target]) low[node] = Math.min(low[node]!, index[target]!);
        continue;
      }
      depth -= 1;
      if (depth > 0) {
        const parent = workNode[depth - 1]!;
        low[parent] = Math.min(low[parent]!, low[node]!);
      }
      if (low[node] !== index[node]) continue;
      const component: string[] = [];
      let member: number;
      do {
        member = stack.pop()!;
        onStack[member] = 0;
        component.push(names[member]!);
      } while (member !== node);
      if (component.length > 1 || selfLoops.has(node)) components.push(component.sort());
    }
  }
  return components.sort((a, b) => b.length - a.length || compareIds(a[0]!, b[0]!));
}
