import type { Node, Tree } from 'web-tree-sitter';
import { moduleHas, treeAddress, wasmModule } from './wasm-cursor.js';

/**
 * The node questions parse-text.ts asks of a tree with errors. A node is a handle (a small
 * number) valid until the reader is dropped; -1 is no node.
 */
export interface NodeReader {
  readonly root: number;
  /** Handles of the node's children, named or not (what Node#children gives). */
  children(node: number): readonly number[];
  type(node: number): string;
  hasError(node: number): boolean;
  isError(node: number): boolean;
  isMissing(node: number): boolean;
  startIndex(node: number): number;
  endIndex(node: number): number;
  parent(node: number): number;
  /** The smallest node spanning `[start, end]` below `node`. */
  descendantForIndex(node: number, start: number, end: number): number;
}

export type OpenNodeReader = (tree: Tree) => NodeReader;

/** A reader through web-tree-sitter's public Node API: the reference, and the fallback. */
export const openPublicNodeReader: OpenNodeReader = (tree) => new PublicNodeReader(tree);

class PublicNodeReader implements NodeReader {
  private readonly nodes: Node[];
  readonly root = 0;
  constructor(tree: Tree) {
    this.nodes = [tree.rootNode];
  }
  private handle(node: Node | null): number {
    if (!node) return -1;
    this.nodes.push(node);
    return this.nodes.length - 1;
  }
  children(node: number): readonly number[] {
    const out: number[] = [];
    for (const child of this.nodes[node]!.children) if (child) out.push(this.handle(child));
    return out;
  }
  type(node: number): string {
    return this.nodes[node]!.type;
  }
  hasError(node: number): boolean {
    return this.nodes[node]!.hasError;
  }
  isError(node: number): boolean {
    return this.nodes[node]!.isError;
  }
  isMissing(node: number): boolean {
    return this.nodes[node]!.isMissing;
  }
  startIndex(node: number): number {
    return this.nodes[node]!.startIndex;
  }
  endIndex(node: number): number {
    return this.nodes[node]!.endIndex;
  }
  parent(node: number): number {
    return this.handle(this.nodes[node]!.parent);
  }
  descendantForIndex(node: number, start: number, end: number): number {
    return this.handle(this.nodes[node]!.descendantForIndex(start, end));
  }
}

/*
 * Why a second reader: each public Node is a JS object built from five words the binding reads out
 * of its transfer buffer, and each question about it writes the five words back first (five
 * `setValue`s) before one call into WASM; Node#children builds a Node per child. The binding's C
 * side only ever reads a node from the transfer buffer's first five words, so this reader keeps
 * nodes as those five words in a plain Int32Array and copies them in and out of the buffer itself.
 * Same internals, pin and fallback as wasm-cursor.ts; a test checks both readers agree and that
 * the direct one is in use. Unlike the direct cursor it holds nothing in the buffer between calls.
 */

const EXPORTS = [
  '_ts_init',
  '_free',
  '_ts_tree_root_node_wasm',
  '_ts_node_children_wasm',
  '_ts_node_symbol_wasm',
  '_ts_node_has_error_wasm',
  '_ts_node_is_error_wasm',
  '_ts_node_is_missing_wasm',
  '_ts_node_end_index_wasm',
  '_ts_node_parent_wasm',
  '_ts_node_descendant_for_index_wasm',
] as const;

type NodeExports = Readonly<Record<(typeof EXPORTS)[number], (tree: number) => number>> & { readonly HEAP32: Int32Array };

/** Words of a marshalled node: id, start index, start row, start column, alias. */
const NODE = 5;

let direct: { readonly w: NodeExports; readonly buffer: number } | null | undefined;

function directExports(): { readonly w: NodeExports; readonly buffer: number } | null {
  if (direct === undefined) {
    const has = moduleHas(EXPORTS);
    if (has === undefined) return null;
    const found = has && wasmModule['HEAP32'] instanceof Int32Array;
    // ts_init only returns the buffer's address (and writes the language versions into it).
    direct = found ? { w: wasmModule as NodeExports, buffer: (wasmModule as NodeExports)._ts_init(0) >> 2 } : null;
  }
  return direct;
}

/** Whether parse-text.ts reads trees through the direct reader (tests assert it). */
export function directNodeReaderAvailable(): boolean {
  return directExports() !== null;
}

/** The fastest reader available over `tree`. */
export const openNodeReader: OpenNodeReader = (tree) => {
  const exports = directExports();
  const address = treeAddress(tree);
  return exports && address !== undefined ? new DirectNodeReader(exports.w, exports.buffer, address, tree) : openPublicNodeReader(tree);
};

class DirectNodeReader implements NodeReader {
  private words = new Int32Array(NODE * 64);
  private count = 0;
  readonly root: number;
  constructor(
    private readonly w: NodeExports,
    /** The transfer buffer, as an index into HEAP32. */
    private readonly buffer: number,
    private readonly tree: number,
    private readonly source: Tree,
  ) {
    w._ts_tree_root_node_wasm(tree);
    this.root = this.store();
  }

  /** Copies the node in the transfer buffer into a new handle (-1 for the null node). */
  private store(from = this.buffer): number {
    const heap = this.w.HEAP32;
    if (heap[from] === 0) return -1;
    if ((this.count + 1) * NODE > this.words.length) {
      const grown = new Int32Array(this.words.length * 2);
      grown.set(this.words);
      this.words = grown;
    }
    const at = this.count * NODE;
    for (let k = 0; k < NODE; k++) this.words[at + k] = heap[from + k]!;
    return this.count++;
  }

  /** Puts a handle's node into the transfer buffer, where every `ts_node_*_wasm` reads it. */
  private load(node: number): void {
    const heap = this.w.HEAP32;
    const at = node * NODE;
    for (let k = 0; k < NODE; k++) heap[this.buffer + k] = this.words[at + k]!;
  }

  children(node: number): readonly number[] {
    this.load(node);
    this.w._ts_node_children_wasm(this.tree);
    // Read the heap only now: the call allocates, and a grown memory replaces HEAP32.
    const heap = this.w.HEAP32;
    const n = heap[this.buffer]!;
    const address = heap[this.buffer + 1]!;
    const out = new Array<number>(n);
    for (let i = 0; i < n; i++) out[i] = this.store((address >> 2) + i * NODE);
    if (n > 0) this.w._free(address);
    return out;
  }
  type(node: number): string {
    this.load(node);
    return this.source.language.types[this.w._ts_node_symbol_wasm(this.tree)] || 'ERROR';
  }
  hasError(node: number): boolean {
    this.load(node);
    return this.w._ts_node_has_error_wasm(this.tree) === 1;
  }
  isError(node: number): boolean {
    this.load(node);
    return this.w._ts_node_is_error_wasm(this.tree) === 1;
  }
  isMissing(node: number): boolean {
    this.load(node);
    return this.w._ts_node_is_missing_wasm(this.tree) === 1;
  }
  startIndex(node: number): number {
    return this.words[node * NODE + 1]!;
  }
  endIndex(node: number): number {
    this.load(node);
    return this.w._ts_node_end_index_wasm(this.tree);
  }
  parent(node: number): number {
    this.load(node);
    this.w._ts_node_parent_wasm(this.tree);
    return this.store();
  }
  descendantForIndex(node: number, start: number, end: number): number {
    this.load(node);
    const heap = this.w.HEAP32;
    heap[this.buffer + NODE] = start;
    heap[this.buffer + NODE + 1] = end;
    this.w._ts_node_descendant_for_index_wasm(this.tree);
    return this.store();
  }
}
