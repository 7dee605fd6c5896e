import type { Tree, TreeCursor } from 'web-tree-sitter';

/** The cursor moves and reads flattenTree makes: one call into WASM each. */
export interface FlatCursor {
  typeId(): number;
  fieldId(): number;
  /** Offsets in UTF-16 code units, as web-tree-sitter reports them. */
  startIndex(): number;
  endIndex(): number;
  isNamed(): boolean;
  isMissing(): boolean;
  gotoFirstChild(): boolean;
  gotoNextSibling(): boolean;
  gotoParent(): boolean;
  delete(): void;
}

export type OpenCursor = (tree: Tree) => FlatCursor;

/** A cursor through web-tree-sitter's public TreeCursor: the reference, and the fallback. */
export const openPublicCursor: OpenCursor = (tree) => new PublicCursor(tree.walk());

class PublicCursor implements FlatCursor {
  constructor(private readonly cursor: TreeCursor) {}
  typeId(): number {
    return this.cursor.nodeTypeId;
  }
  fieldId(): number {
    return this.cursor.currentFieldId;
  }
  startIndex(): number {
    return this.cursor.startIndex;
  }
  endIndex(): number {
    return this.cursor.endIndex;
  }
  isNamed(): boolean {
    return this.cursor.nodeIsNamed;
  }
  isMissing(): boolean {
    return this.cursor.nodeIsMissing;
  }
  gotoFirstChild(): boolean {
    return this.cursor.gotoFirstChild();
  }
  gotoNextSibling(): boolean {
    return this.cursor.gotoNextSibling();
  }
  gotoParent(): boolean {
    return this.cursor.gotoParent();
  }
  delete(): void {
    this.cursor.delete();
  }
}

/*
 * Why a second cursor: every public TreeCursor call first writes the cursor's four words into
 * the binding's transfer buffer (four `setValue`s) and every move reads them back (four
 * `getValue`s); on 1.5 M nodes that glue costs about as much as the moves themselves. The
 * binding's C side keeps the cursor in that buffer between calls (each `*_wasm` function reads it
 * from there, and the moves write it back), so a cursor that nothing else touches needs no copying
 * at all: create it in the buffer, call the exports with the tree's address, delete it from the
 * buffer. This leans on the binding's internals (exports named `_ts_tree_cursor_*_wasm`, the
 * tree's address in `tree[0]`), which is why web-tree-sitter is pinned to an exact version, why
 * anything missing falls back to the public cursor, and why a test checks both copy the same
 * table and that the direct one is in use.
 */

const EXPORTS = [
  '_ts_tree_root_node_wasm',
  '_ts_tree_cursor_new_wasm',
  '_ts_tree_cursor_delete_wasm',
  '_ts_tree_cursor_current_node_type_id_wasm',
  '_ts_tree_cursor_current_field_id_wasm',
  '_ts_tree_cursor_start_index_wasm',
  '_ts_tree_cursor_end_index_wasm',
  '_ts_tree_cursor_current_node_is_named_wasm',
  '_ts_tree_cursor_current_node_is_missing_wasm',
  '_ts_tree_cursor_goto_first_child_wasm',
  '_ts_tree_cursor_goto_next_sibling_wasm',
  '_ts_tree_cursor_goto_parent_wasm',
] as const;

type CursorExports = Readonly<Record<(typeof EXPORTS)[number], (tree: number) => number>>;

/**
 * The options object grammars.ts passes to `Parser.init`: Emscripten makes it the module object
 * and fills it with the WASM exports. (It stays empty when this thread's binding was initialised
 * by someone else first; then the public cursor is used.)
 */
export const wasmModule: Record<string, unknown> = {};

/**
 * Whether the module has every one of these exports; undefined while it is still empty (before
 * Parser.init there is nothing to find yet, so a caller settles only on true or false).
 */
export function moduleHas(names: readonly string[]): boolean | undefined {
  const found = names.every((name) => typeof wasmModule[name] === 'function');
  return found || Object.keys(wasmModule).length > 0 ? found : undefined;
}

let direct: CursorExports | null | undefined;

function directExports(): CursorExports | null {
  if (direct === undefined) {
    const found = moduleHas(EXPORTS);
    if (found === undefined) return null;
    direct = found ? (wasmModule as CursorExports) : null;
  }
  return direct;
}

/** Whether flattenTree copies through the direct cursor (tests assert it, so a version bump that breaks it shows). */
export function directCursorAvailable(): boolean {
  return directExports() !== null;
}

/** The tree's address in WASM memory (the binding keeps it in `tree[0]`), or undefined. */
export function treeAddress(tree: Tree): number | undefined {
  const address = (tree as unknown as { readonly 0?: unknown })[0];
  return typeof address === 'number' && address !== 0 ? address : undefined;
}

/**
 * The fastest cursor available over `tree`. Until it is deleted, nothing else may call into
 * web-tree-sitter (any call may overwrite the transfer buffer that holds the cursor).
 */
export const openCursor: OpenCursor = (tree) => {
  const exports = directExports();
  const address = treeAddress(tree);
  return exports && address !== undefined ? new DirectCursor(exports, address) : openPublicCursor(tree);
};

class DirectCursor implements FlatCursor {
  constructor(
    private readonly w: CursorExports,
    private readonly tree: number,
  ) {
    // The root node goes into the transfer buffer, and the new cursor replaces it there.
    w._ts_tree_root_node_wasm(tree);
    w._ts_tree_cursor_new_wasm(tree);
  }
  typeId(): number {
    return this.w._ts_tree_cursor_current_node_type_id_wasm(this.tree);
  }
  fieldId(): number {
    return this.w._ts_tree_cursor_current_field_id_wasm(this.tree);
  }
  startIndex(): number {
    return this.w._ts_tree_cursor_start_index_wasm(this.tree);
  }
  endIndex(): number {
    return this.w._ts_tree_cursor_end_index_wasm(this.tree);
  }
  isNamed(): boolean {
    return this.w._ts_tree_cursor_current_node_is_named_wasm(this.tree) === 1;
  }
  isMissing(): boolean {
    return this.w._ts_tree_cursor_current_node_is_missing_wasm(this.tree) === 1;
  }
  gotoFirstChild(): boolean {
    return this.w._ts_tree_cursor_goto_first_child_wasm(this.tree) === 1;
  }
  gotoNextSibling(): boolean {
    return this.w._ts_tree_cursor_goto_next_sibling_wasm(this.tree) === 1;
  }
  gotoParent(): boolean {
    return this.w._ts_tree_cursor_goto_parent_wasm(this.tree) === 1;
  }
  delete(): void {
    this.w._ts_tree_cursor_delete_wasm(this.tree);
  }
}
