import type { NodeLabel } from '../graph/model.js';
import type { NameMatch, QueryNode, QueryStore } from './store.js';

/** What a `<symbol>` argument names: the nodes, several where one was wanted, or nothing. */
export type Lookup =
  | { readonly kind: 'found'; readonly nodes: readonly QueryNode[] }
  | { readonly kind: 'ambiguous'; readonly text: string; readonly candidates: readonly QueryNode[] }
  | { readonly kind: 'unknown'; readonly text: string; readonly nearest: readonly string[] };

/**
 * The nodes of the accepted labels that `text` names, in every way a person writes it: a node id,
 * a file path (whole, or its last segments: `cart.ts`, `orders/cart.ts`), `file.ts:name`,
 * `Class.method`, or a plain name. `glob` lets names hold `*` and `?` (find). More than one
 * node is ambiguous unless `all`; none gives the nearest names.
 */
export async function lookUp(store: QueryStore, text: string, accept: readonly NodeLabel[], options: { all?: boolean; glob?: boolean } = {}): Promise<Lookup> {
  const accepted = new Set(accept);
  const found = new Map<string, QueryNode>();
  const add = (nodes: readonly QueryNode[]): void => {
    for (const n of nodes) if (accepted.has(n.label)) found.set(n.id, n);
  };
  add(await store.nodesById([text]));
  if (found.size === 0) {
    if (accepted.has('File')) add(await filesAt(store, text));
    const colon = text.lastIndexOf(':');
    if (colon > 0) {
      const file = text.slice(0, colon);
      add((await named(store, text.slice(colon + 1), accept, options.glob)).filter((n) => n.file !== undefined && pathEndsWith(n.file, file)));
    }
    add(await named(store, text, accept, options.glob));
  }
  const nodes = sortNodes([...found.values()]);
  if (nodes.length === 0) return { kind: 'unknown', text, nearest: await nearestNames(store, text, accept) };
  if (nodes.length > 1 && !options.all) return { kind: 'ambiguous', text, candidates: nodes };
  return { kind: 'found', nodes };
}

/** Nodes named `text`, or `Owner.member` methods. */
async function named(store: QueryStore, text: string, accept: readonly NodeLabel[], glob = false): Promise<QueryNode[]> {
  const nodes = await store.nodesNamed(nameMatch(text, glob), accept);
  const dot = text.lastIndexOf('.');
  if (dot > 0 && dot < text.length - 1 && accept.includes('Method')) {
    const owner = nameMatch(text.slice(0, dot), glob);
    const ownerTest = 'exact' in owner ? (o: string) => o === owner.exact : (o: string) => new RegExp(`^(?:${owner.pattern})$`, 'u').test(o);
    const members = await store.nodesNamed(nameMatch(text.slice(dot + 1), glob), ['Method']);
    nodes.push(...members.filter((m) => m.owner !== undefined && ownerTest(m.owner)));
  }
  return nodes;
}

/** Files whose path is `text` or ends with it at a `/`. */
async function filesAt(store: QueryStore, text: string): Promise<QueryNode[]> {
  const wanted = text.replaceAll('\\', '/').replace(/^(\.\/)+/, '');
  const base = wanted.slice(wanted.lastIndexOf('/') + 1);
  if (base === '') return [];
  const files = await store.nodesNamed({ exact: base }, ['File']);
  return files.filter((f) => f.file !== undefined && pathEndsWith(f.file, wanted));
}

function pathEndsWith(file: string, tail: string): boolean {
  const t = tail.replaceAll('\\', '/').replace(/^(\.\/)+/, '');
  return file === t || file.endsWith(`/${t}`);
}

/** An exact name, or with `glob` and a `*`/`?` in it, the regular expression of the glob. */
export function nameMatch(text: string, glob = false): NameMatch {
  if (!glob || !/[*?]/.test(text)) return { exact: text };
  // Written to mean the same to JavaScript and to Kuzu's RE2: only escapes and `.`.
  const pattern = [...text].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : /[\\^$.|+()[\]{}]/.test(c) ? `\\${c}` : c)).join('');
  return { pattern };
}

/**
 * Up to five names closest to `text` by edit distance (at most a third of its length, and at least
 * 2), comparing the name after any `file:`, the last path segment, and the member after any `Owner.`.
 */
export async function nearestNames(store: QueryStore, text: string, accept: readonly NodeLabel[]): Promise<string[]> {
  const tail = text.slice(text.lastIndexOf(':') + 1);
  const segment = tail.slice(tail.lastIndexOf('/') + 1);
  // After a dot is a member (`Cart.totl`), unless the dot starts a file's extension.
  const member = SOURCE_EXTENSION.test(segment) ? segment : segment.slice(segment.lastIndexOf('.') + 1);
  const wanted = [...new Set([tail, segment, member])].filter((w) => w !== '').map((w) => w.toLowerCase());
  const scored: [number, string][] = [];
  for (const name of await store.names(accept)) {
    if (name === '') continue;
    let best = Infinity;
    for (const w of wanted) {
      const limit = Math.max(2, Math.floor(w.length / 3));
      const d = editDistance(w, name.toLowerCase(), limit);
      if (d <= limit) best = Math.min(best, d);
    }
    if (best !== Infinity) scored.push([best, name]);
  }
  scored.sort(([a, x], [b, y]) => a - b || compareText(x, y));
  return scored.slice(0, 5).map(([, name]) => name);
}

const SOURCE_EXTENSION = /\.[cm]?[jt]sx?$/i;

/** Levenshtein distance, or `limit + 1` as soon as it must exceed `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(d);
      best = Math.min(best, d);
    }
    if (best > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/** By file, line, name and id: the order every list of nodes is shown in. */
export function sortNodes<T extends QueryNode>(nodes: T[]): T[] {
  return nodes.sort((a, b) => compareText(a.file ?? '', b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || compareText(a.name, b.name) || compareText(a.id, b.id));
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `Class.method` for a method with an owner, the name otherwise. */
export function displayName(node: Pick<QueryNode, 'name' | 'owner' | 'label'>): string {
  return node.owner !== undefined && node.label === 'Method' ? `${node.owner}.${node.name}` : node.name;
}
