import { deserialize, serialize } from 'node:v8';
import type { CallSite, ParsedUnit } from '../model/parsed-unit.js';

// A file's call sites are most of its parsed unit (on a 10,000-file tree, 60% of the units' heap:
// an object per site, its receiver and binding, its caller's id copied into every site), and only
// the calls phase reads them, once. A parse worker hands them over serialised, in a buffer moved to
// the main thread rather than copied, and they are read back from it when the calls phase asks.
// The serialised form is about half their heap size, held outside the heap.

/** A unit as a parse worker posts it: its call sites serialised. */
export type PackedUnit = Omit<ParsedUnit, 'calls'> & { readonly packedCalls: Uint8Array };

/** The unit to post, and the buffer to move with it (transfer list). Keys keep their order. */
export function packCalls(unit: ParsedUnit): { packed: PackedUnit; transfer: ArrayBuffer } {
  // A fresh buffer of its own, so moving it moves nothing else (serialize may share a pool).
  const bytes = new Uint8Array(serialize(unit.calls));
  const packed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(unit)) {
    if (key === 'calls') packed['packedCalls'] = bytes;
    else packed[key] = value;
  }
  return { packed: packed as unknown as PackedUnit, transfer: bytes.buffer };
}

/**
 * The unit with `calls` read from its buffer on every access (each read gives fresh objects that
 * the reader lets go), so the sites are held only while the calls phase walks one file. The keys
 * keep the order a unit has (the parse cache writes units as they are).
 */
export function unpackCalls(packed: PackedUnit): ParsedUnit {
  const unit: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(packed)) {
    if (key !== 'packedCalls') unit[key] = value;
    else {
      const bytes = value as Uint8Array;
      Object.defineProperty(unit, 'calls', { enumerable: true, configurable: true, get: (): readonly CallSite[] => deserialize(bytes) as CallSite[] });
    }
  }
  return unit as unknown as ParsedUnit;
}
