import type { SyntaxTable } from './syntax-table.js';

type Column = 'type' | 'field' | 'named' | 'roles' | 'start' | 'stop' | 'row' | 'parent' | 'firstChild' | 'nextSibling' | 'prevSibling' | 'subtreeEnd';

/**
 * The storage of a SyntaxTable. flattenTree writes every slot of every node it copies, so the
 * arrays may hold anything beforehand: a thread that extracts one file at a time reuses one set
 * (reusedArrays) instead of allocating and zeroing about 60 bytes per syntax node for each file
 * (2.3 M nodes on the 1,291-file mix), most of it outside the JS heap, where it drives GCs. Each
 * tree still gets its own SyntaxTable object over them: a table stands for one tree (jsdoc.ts
 * remembers the comments it read by table).
 */
export type TableArrays = Pick<SyntaxTable, Column> & {
  readonly capacity: number;
  /** Scratch for flattenTree: each open node's last child so far. */
  readonly lastChild: Int32Array;
};

function tableArrays(capacity: number): TableArrays {
  return {
    capacity,
    type: new Array<string>(capacity),
    field: new Array<string | null>(capacity),
    named: new Uint8Array(capacity),
    roles: new Uint8Array(capacity),
    start: new Int32Array(capacity),
    stop: new Int32Array(capacity),
    row: new Int32Array(capacity),
    parent: new Int32Array(capacity),
    firstChild: new Int32Array(capacity),
    nextSibling: new Int32Array(capacity),
    prevSibling: new Int32Array(capacity),
    subtreeEnd: new Int32Array(capacity),
    lastChild: new Int32Array(capacity),
  };
}

/** Where flattenTree gets arrays for a tree of `capacity` nodes. */
export type ArraysFor = (capacity: number) => TableArrays;

/** Fresh arrays for each table: tables that live side by side (tests) need their own. */
export const freshArrays: ArraysFor = (capacity) => tableArrays(capacity);

/**
 * One set of arrays, grown as needed, for a caller that is done with each table before it
 * flattens the next (extract-unit.ts: a table lives only while its file is extracted).
 */
export function reusedArrays(): ArraysFor {
  let arrays: TableArrays | undefined;
  return (capacity) => {
    if (!arrays || arrays.capacity < capacity) arrays = tableArrays(Math.max(capacity, Math.ceil((arrays?.capacity ?? 0) * 1.5)));
    return arrays;
  };
}
