// Records keyed by names from the indexed code (field names, parameter positions) are plain
// objects, also after the parse cache or a worker message copies them. A name such as
// `constructor` or `toString` must not find Object.prototype's member, and `__proto__` must be a
// key like any other rather than replace the record's prototype.

/** The value stored under `key` by the record itself, never one it inherits. */
export function ownValue<V>(record: Readonly<Record<string, V>> | undefined, key: string): V | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Stores `value` under `key` as the record's own property, `__proto__` included. */
export function setOwn<V>(record: Record<string, V>, key: string, value: V): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}
