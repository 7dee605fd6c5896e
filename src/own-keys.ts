// Records keyed by data from the indexed code (a function's callback parameters, by position) are
// plain objects, also after the parse cache or a worker message copies them. A key such as
// `constructor` or `toString` must not find Object.prototype's member.

/** The value stored under `key` by the record itself, never one it inherits. */
export function ownValue<V>(record: Readonly<Record<string, V>> | undefined, key: string): V | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
