import { NODE_LABELS, type NodeLabel } from '../graph/model.js';
import { NotStreamable } from './table-merge.js';

/**
 * Each node's label by id, as the streaming checks need it for the relationships' ends, kept as a
 * 64-bit hash of the id in typed arrays rather than the id itself: a Map of the 50,000-file bench
 * tree's 650,000 ids held ~80 MB of strings and table in the checking thread while Kuzu committed,
 * the run's highest moment. Two node ids with the same hash throw NotStreamable (validation then
 * compares the whole file, which holds the ids); a relationship end that is no node is told apart
 * from every node unless its hash equals one of theirs, a chance of about n / 2^64 per end.
 */
export class IdLabels {
  private high = new Uint32Array(1 << 12);
  private low = new Uint32Array(1 << 12);
  /** 0: an empty slot; else the label's index in NODE_LABELS, plus one. */
  private label = new Uint8Array(1 << 12);
  private count = 0;

  get size(): number {
    return this.count;
  }

  set(id: string, label: NodeLabel): void {
    if ((this.count + 1) * 2 > this.label.length) this.grow();
    hashId(id);
    if (this.place(HASH[0]!, HASH[1]!, LABEL_INDEX.get(label)! + 1)) this.count++;
    else throw new NotStreamable(`node ids share a hash (${id})`);
  }

  get(id: string): NodeLabel | undefined {
    hashId(id);
    const high = HASH[0]!;
    const low = HASH[1]!;
    const mask = this.label.length - 1;
    for (let slot = low & mask; ; slot = (slot + 1) & mask) {
      const label = this.label[slot]!;
      if (label === 0) return undefined;
      if (this.high[slot] === high && this.low[slot] === low) return NODE_LABELS[label - 1];
    }
  }

  /** Puts a hash in its slot (open addressing, linear probing); false if it is there already. */
  private place(high: number, low: number, label: number): boolean {
    const mask = this.label.length - 1;
    for (let slot = low & mask; ; slot = (slot + 1) & mask) {
      if (this.label[slot] === 0) {
        this.high[slot] = high;
        this.low[slot] = low;
        this.label[slot] = label;
        return true;
      }
      if (this.high[slot] === high && this.low[slot] === low) return false;
    }
  }

  private grow(): void {
    const [high, low, label] = [this.high, this.low, this.label];
    this.high = new Uint32Array(high.length * 2);
    this.low = new Uint32Array(low.length * 2);
    this.label = new Uint8Array(label.length * 2);
    for (let slot = 0; slot < label.length; slot++) if (label[slot] !== 0) this.place(high[slot]!, low[slot]!, label[slot]!);
  }
}

const LABEL_INDEX = new Map<NodeLabel, number>(NODE_LABELS.map((label, i) => [label, i]));

/** The last id's hash, two 32-bit halves: written here rather than returned, so that no array is made per id. */
const HASH = new Uint32Array(2);

/**
 * A 64-bit hash of a string's UTF-16 code units: two independent 32-bit multiply-xorshift lanes,
 * each mixed once more at the end so that ids differing only in their last characters spread.
 */
function hashId(id: string): void {
  let a = 0x9e3779b9 ^ id.length;
  let b = 0x85ebca6b ^ Math.imul(id.length, 0xc2b2ae35);
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    a ^= a >>> 15;
    b = Math.imul(b + c, 0x2c1b3c6d);
    b ^= b >>> 13;
  }
  HASH[0] = finish(a ^ Math.imul(b, 0x27d4eb2f));
  HASH[1] = finish(b ^ Math.imul(a, 0x165667b1));
}

function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
