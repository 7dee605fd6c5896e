/**
 * The storage of a SyntaxTable. flattenTree writes every slot of every node it copies, so the
 * arrays may hold anything beforehand: a thread that extracts one file at a time reuses one set
 * (reusedArrays) instead of allocating and zeroing about 60 bytes per syntax node for each file
 * (2.3 M nodes on the 1,291-file mix), most of it outside the JS heap, where it drives GCs.
 */
export class TableArrays {
  readonly type: string[];
  readonly field: (string | null)[];
  readonly named: Uint8Array;
  readonly roles: Uint8Array;
  readonly start: Int32Array;
  readonly stop: Int32Array;
  readonly row: Int32Array;
  readonly parent: Int32Array;
  readonly firstChild: Int32Array;
  readonly nextSibling: Int32Array;
  readonly prevSibling: Int32Array;
  readonly subtreeEnd: Int32Array;
  /** Scratch for flattenTree: each open node's last child so far. */
  readonly lastChild: Int32Array;

  constructor(readonly capacity: number) {
    this.type = new Array<string>(capacity);
    this.field = new Array<string | null>(capacity);
    this.named = new Uint8Array(capacity);
    this.roles = new Uint8Array(capacity);
    this.start = new Int32Array(capacity);
    this.stop = new Int32Array(capacity);
    this.row = new Int32Array(capacity);
    this.parent = new Int32Array(capacity);
    this.firstChild = new Int32Array(capacity);
    this.nextSibling = new Int32Array(capacity);
    this.prevSibling = new Int32Array(capacity);
    this.subtreeEnd = new Int32Array(capacity);
    this.lastChild = new Int32Array(capacity);
  }
}

/** Where flattenTree gets arrays for a tree of `capacity` nodes. */
export type ArraysFor = (capacity: number) => TableArrays;

/** Fresh arrays for each table: tables that live side by side (tests) need their own. */
export const freshArrays: ArraysFor = (capacity) => new TableArrays(capacity);

/**
 * One set of arrays, grown as needed, for a caller that is done with each table before it
 * flattens the next (extract-unit.ts: a table lives only while its file is extracted).
 */
export function reusedArrays(): ArraysFor {
  let arrays: TableArrays | undefined;
  return (capacity) => {
    if (!arrays || arrays.capacity < capacity) arrays = new TableArrays(Math.max(capacity, Math.ceil((arrays?.capacity ?? 0) * 1.5)));
    return arrays;
  };
}
