/** Items of one section of graph.json, as the storage layer reads them (see storage/graph-lines.ts). */
export interface LineBatch {
  readonly section: 'nodes' | 'relationships';
  readonly lines: readonly string[];
}

/**
 * Walks the item lines of one graph.json, section by section. `ready` answers synchronously while
 * the current batch lasts and returns a promise only when the next batch must be read, so that
 * merging millions of lines costs no promise per line.
 */
export class LineCursor {
  private lines: readonly string[] = [];
  private pos = 0;
  private pending: LineBatch | undefined;
  private done = false;
  count = 0;

  constructor(private readonly batches: AsyncIterator<LineBatch>) {}

  /** Whether a line of `section` is at hand; false once the section (or the file) is over. */
  ready(section: LineBatch['section']): boolean | Promise<boolean> {
    if (this.pos < this.lines.length) return true;
    return this.refill(section);
  }

  private async refill(section: LineBatch['section']): Promise<boolean> {
    for (;;) {
      if (!this.pending) {
        if (this.done) return false;
        const next = await this.batches.next();
        if (next.done) {
          this.done = true;
          return false;
        }
        this.pending = next.value;
      }
      // Nodes come before relationships: a batch of the other section waits for its turn.
      if (this.pending.section !== section) return false;
      this.lines = this.pending.lines;
      this.pos = 0;
      this.pending = undefined;
      if (this.lines.length > 0) return true;
    }
  }

  peek(): string {
    return this.lines[this.pos]!;
  }

  advance(): void {
    this.pos++;
    this.count++;
  }
}
