import picomatch from 'picomatch';
import type { Rule, RuleKind } from '../config/rules.js';
import { compareIds, fileId } from '../graph/ids.js';
import type { CodeGraph, GraphNode, GraphRelationship } from '../graph/model.js';
import { importCycles } from '../graph/import-cycles.js';
import { symbolRef } from '../diff/symbols.js';

/** One place where a rule is broken. `key` names it without lines, so a baseline survives edits. */
export interface Violation {
  readonly key: string;
  readonly file: string;
  readonly line?: number;
  readonly message: string;
}

export interface RuleResult {
  readonly name: string;
  readonly kind: RuleKind;
  readonly violations: readonly Violation[];
}

/** Every rule on the graph, in the config's order; each rule's violations by file and line. */
export function evaluateRules(graph: CodeGraph | RuleGraph, rules: readonly Rule[]): RuleResult[] {
  const view = 'relationships' in graph ? ruleGraphOf(graph) : graph;
  return rules.map((rule) => {
    const violations = violationsOf(rule, view);
    violations.sort((a, b) => compareIds(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0) || compareIds(a.key, b.key));
    return { name: rule.name, kind: rule.kind, violations };
  });
}

/** What the rules read of a graph: its nodes by id, its IMPORTS and its CALLS (storage/rule-graph.ts reads it from graph.json). */
export interface RuleGraph {
  readonly nodes: ReadonlyMap<string, GraphNode>;
  readonly imports: readonly GraphRelationship[];
  readonly calls: readonly GraphRelationship[];
}

function ruleGraphOf(graph: CodeGraph): RuleGraph {
  const nodes = new Map<string, GraphNode>();
  for (const node of graph.nodes) nodes.set(node.id, node);
  return { nodes, imports: graph.relationships.filter((r) => r.type === 'IMPORTS'), calls: graph.relationships.filter((r) => r.type === 'CALLS') };
}

function violationsOf(rule: Rule, g: RuleGraph): Violation[] {
  const pathOf = (id: string): string => String(g.nodes.get(id)?.properties['filePath'] ?? id);
  const lineOf = (rel: GraphRelationship): number | undefined => (typeof rel.properties['line'] === 'number' ? rel.properties['line'] : undefined);
  switch (rule.kind) {
    case 'forbidden': {
      const [from, to] = [matcher(rule.from), matcher(rule.to)];
      return g.imports
        .filter((r) => from(pathOf(r.source)) && to(pathOf(r.target)))
        .map((r) => at(`${pathOf(r.source)} -> ${pathOf(r.target)}`, pathOf(r.source), lineOf(r), `imports ${pathOf(r.target)} (${rule.from.join(', ')} may not import ${rule.to.join(', ')})`));
    }
    case 'forbiddenCalls': {
      const [from, to] = [matcher(rule.from), matcher(rule.to)];
      return g.calls
        .filter((r) => from(pathOf(r.source)) && to(pathOf(r.target)))
        .map((r) => at(`${r.source} -> ${r.target}`, pathOf(r.source), lineOf(r), `${nameOf(g.nodes.get(r.source))} calls ${nameOf(g.nodes.get(r.target))} in ${pathOf(r.target)} (${rule.from.join(', ')} may not call into ${rule.to.join(', ')})`));
    }
    case 'noCycles':
      return importCycles(g.imports).map((members) => cycleViolation(members, g.imports, pathOf, lineOf));
    case 'noOrphans':
      return orphans(g, matcher(rule.allow), pathOf);
  }
}

function at(key: string, file: string, line: number | undefined, message: string): Violation {
  return { key, file, ...(line !== undefined ? { line } : {}), message };
}

function matcher(globs: readonly string[]): (path: string) => boolean {
  return globs.length === 0 ? () => false : picomatch([...globs], { dot: true });
}

/** A definition by its scope path (`Cart.total`), a file by its path. */
function nameOf(node: GraphNode | undefined): string {
  return node ? symbolRef(node).name : '?';
}

/** A cycle set, shown as one concrete loop through its first file: `a.ts -> b.ts -> a.ts`. */
function cycleViolation(members: readonly string[], imports: readonly GraphRelationship[], pathOf: (id: string) => string, lineOf: (r: GraphRelationship) => number | undefined): Violation {
  const inside = new Set(members);
  const next = new Map<string, GraphRelationship[]>();
  for (const r of imports) if (inside.has(r.source) && inside.has(r.target)) (next.get(r.source) ?? next.set(r.source, []).get(r.source)!).push(r);
  const start = members[0]!;
  // Breadth first from the start back to it: the shortest loop.
  const via = new Map<string, GraphRelationship>();
  let frontier = [start];
  while (frontier.length > 0 && !via.has(start)) {
    const following: string[] = [];
    for (const id of frontier) {
      for (const r of next.get(id) ?? []) {
        if (via.has(r.target)) continue;
        via.set(r.target, r);
        following.push(r.target);
      }
    }
    frontier = following;
  }
  const loop: GraphRelationship[] = [];
  for (let id = start; loop.length < members.length; ) {
    const r = via.get(id)!;
    loop.unshift(r);
    id = r.source;
    if (id === start) break;
  }
  const paths = [pathOf(loop[0]!.source), ...loop.map((r) => pathOf(r.target))];
  const size = members.length > loop.length ? ` (${members.length} files import each other)` : '';
  const key = members.map(pathOf).sort(compareIds).join(' ');
  return at(key, paths[0]!, lineOf(loop[0]!), `import cycle: ${paths.join(' -> ')}${size}`);
}

/** Files nothing imports, and exported module-level functions nothing calls or imports by name. */
function orphans(g: RuleGraph, allowed: (path: string) => boolean, pathOf: (id: string) => string): Violation[] {
  const importedFiles = new Set<string>();
  const importedNames = new Map<string, Set<string>>();
  for (const r of g.imports) {
    importedFiles.add(r.target);
    const names = importedNames.get(r.target) ?? importedNames.set(r.target, new Set()).get(r.target)!;
    const listed = r.properties['names'];
    // An import without names (side effect, require of the whole module) may use anything.
    for (const n of Array.isArray(listed) && listed.length > 0 ? listed : ['*']) names.add(n);
  }
  const called = new Set(g.calls.map((r) => r.target));
  const out: Violation[] = [];
  const orphanFiles = new Set<string>();
  for (const node of g.nodes.values()) {
    if (node.label !== 'File' || importedFiles.has(node.id) || allowed(pathOf(node.id))) continue;
    orphanFiles.add(node.id);
    out.push(at(node.id, pathOf(node.id), undefined, 'nothing imports this file'));
  }
  for (const node of g.nodes.values()) {
    if (node.label !== 'Function' || node.properties['exported'] !== true || called.has(node.id)) continue;
    const file = fileId(pathOf(node.id));
    const name = String(node.properties['name']);
    if (orphanFiles.has(file) || allowed(pathOf(node.id)) || nameOf(node).includes('.')) continue;
    const names = importedNames.get(file);
    // The graph does not say which function is a file's default export: an import of `default` counts for each.
    if (names && (names.has('*') || names.has(name) || names.has('default'))) continue;
    const line = node.properties['startLine'];
    out.push(at(node.id, pathOf(node.id), typeof line === 'number' ? line : undefined, `exported function ${name}: nothing calls it or imports it`));
  }
  return out;
}
