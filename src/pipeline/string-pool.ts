/**
 * One copy of each string for the units that come from the parse workers.
 *
 * A worker's reply reaches this thread through structured clone, which writes a string once for
 * every place it occurs: each Method's label, each `kind`, each owner's id again as the `ownerId`
 * of its members, each exported definition's id again in its export. On the 10,000-file bench
 * tree 1.0 M of the heap's 1.4 M strings were such copies (39 of 62 MB), held with the units until
 * the last phase is built (docs/benchmarks.md, "Idle, ninth session"). Pooling them as the
 * replies come in keeps one copy of each; the pool itself goes with the parse.
 */
export class StringPool {
  private readonly strings = new Map<string, string>();

  /** How many distinct strings the pool holds. */
  get size(): number {
    return this.strings.size;
  }

  /** The pool's copy of `text`, which becomes it when the pool has none. */
  string(text: string): string {
    const known = this.strings.get(text);
    if (known !== undefined) return known;
    this.strings.set(text, text);
    return text;
  }

  /**
   * Replaces, in place, every string held by `value`'s plain objects and arrays (at any depth) with
   * the pool's copy. Typed arrays are left as they are. For freshly deserialised values only: they
   * are plain data that nothing else holds yet.
   */
  share<T extends object>(value: T): T {
    if (Array.isArray(value)) {
      const list = value as unknown[];
      for (let i = 0; i < list.length; i++) {
        const item = list[i];
        if (typeof item === 'string') list[i] = this.string(item);
        else if (typeof item === 'object' && item !== null) this.share(item);
      }
      return value;
    }
    if (ArrayBuffer.isView(value)) return value;
    const record = value as Record<string, unknown>;
    for (const key in record) {
      const item = record[key];
      if (typeof item === 'string') record[key] = this.string(item);
      else if (typeof item === 'object' && item !== null) this.share(item);
    }
    return value;
  }
}
