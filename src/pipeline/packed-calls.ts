import { deserialize, serialize } from 'node:v8';
import type { CallSite, ParsedUnit } from '../model/parsed-unit.js';
import type { SourceFile } from '../model/source-file.js';

// A file's call sites are most of its parsed unit (on a 10,000-file tree, 60% of the units' heap:
// an object per site, its receiver and binding, its caller's id copied into every site), and only
// the calls phase reads them, once. A parse worker hands them over packed, in a buffer copied to
// the main thread with its reply (parse-worker.ts says why not moved), and they are read back from
// it when the calls phase asks.
//
// Packed: each string once per file (a caller's id, a name, a kind), each object as the index of
// its list of keys followed by its values, all as small integers that the serializer writes in a
// byte or two. A tenth of the sites' heap size (synth-10k: 100 MB of sites in 9 MB), held outside
// the heap; plain serialisation of the same sites took half their heap size.

/** A unit as a worker posts it: its call sites packed, and no `file` (the main thread has the one it sent). */
export type PackedUnit = Omit<ParsedUnit, 'calls' | 'file'> & { readonly packedCalls: Uint8Array };

const enum Tag {
  Undefined,
  Null,
  False,
  True,
  Int,
  Double,
  String,
  Array,
  Object,
}

interface Tables {
  readonly strings: Map<string, number>;
  readonly shapes: Map<string, number>;
  readonly shapeKeys: string[][];
  readonly doubles: number[];
  readonly ops: number[];
}

function intern<K>(map: Map<K, number>, key: K): number {
  let index = map.get(key);
  if (index === undefined) map.set(key, (index = map.size));
  return index;
}

function encode(value: unknown, t: Tables): void {
  switch (typeof value) {
    case 'undefined':
      t.ops.push(Tag.Undefined);
      return;
    case 'boolean':
      t.ops.push(value ? Tag.True : Tag.False);
      return;
    case 'string':
      t.ops.push(Tag.String, intern(t.strings, value));
      return;
    case 'number':
      if (Number.isInteger(value) && Math.abs(value) < 2 ** 30 && !Object.is(value, -0)) t.ops.push(Tag.Int, value);
      else t.ops.push(Tag.Double, t.doubles.push(value) - 1);
      return;
    case 'object': {
      if (value === null) {
        t.ops.push(Tag.Null);
        return;
      }
      if (Array.isArray(value)) {
        t.ops.push(Tag.Array, value.length);
        for (const item of value) encode(item, t);
        return;
      }
      const keys = Object.keys(value);
      const shape = keys.join('\u0000');
      const known = t.shapes.get(shape);
      if (known === undefined) t.shapeKeys.push(keys);
      t.ops.push(Tag.Object, known ?? intern(t.shapes, shape));
      for (const key of keys) encode((value as Record<string, unknown>)[key], t);
      return;
    }
    default:
      throw new TypeError(`a call site holds a ${typeof value}, which cannot be packed`);
  }
}

/** Packs plain data (strings, numbers, booleans, null, undefined, arrays, plain objects). */
export function pack(value: unknown): Uint8Array {
  const t: Tables = { strings: new Map(), shapes: new Map(), shapeKeys: [], doubles: [], ops: [] };
  encode(value, t);
  // A fresh buffer of its own, so moving it moves nothing else (serialize may share a pool).
  return new Uint8Array(serialize([[...t.strings.keys()], t.shapeKeys, t.doubles, t.ops]));
}

/** The value `pack` was given, as fresh objects, keys in their order. */
export function unpack(bytes: Uint8Array): unknown {
  const [strings, shapeKeys, doubles, ops] = deserialize(bytes) as [string[], string[][], number[], number[]];
  const builders = shapeKeys.map(builderOf);
  let at = 0;
  const decode = (): unknown => {
    switch (ops[at++] as Tag) {
      case Tag.Undefined:
        return undefined;
      case Tag.Null:
        return null;
      case Tag.False:
        return false;
      case Tag.True:
        return true;
      case Tag.Int:
        return ops[at++];
      case Tag.Double:
        return doubles[ops[at++]!];
      case Tag.String:
        return strings[ops[at++]!];
      case Tag.Array: {
        const length = ops[at++]!;
        const items: unknown[] = new Array(length);
        for (let i = 0; i < length; i++) items[i] = decode();
        return items;
      }
      case Tag.Object:
        return builders[ops[at++]!]!(decode);
    }
  };
  return decode();
}

/** Makes one object of a shape, its values read in key order from `next`. */
type ShapeBuilder = (next: () => unknown) => Record<string, unknown>;

/*
 * Why the builders: an object made as `{}` and given its keys one by one (`object[key] = …`) goes
 * through one keyed store site for every shape of every file, which V8 can only serve from its
 * global stub cache; whether the entries for these shapes survive there depends on where the
 * maps happen to lie, so the same decode ran at 0.45 s in one run and 1.5-2.1 s in the next
 * (10,000-file tree, 311,690 sites, most runs slow). An object literal per shape creates the
 * object with its final map in one step and takes 0.5 s every time; the calls phase is ~1.5 s
 * shorter there. The literal is made from the shape's keys, which are the field names of our
 * own CallSite types (never text of the repository), and only when every key is a plain
 * identifier and not `__proto__` (quoted as JSON strings all the same); other keys are assigned.
 */
const shapeBuilders = new Map<string, ShapeBuilder>();
const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function builderOf(keys: readonly string[]): ShapeBuilder {
  const signature = keys.join('\u0000');
  let builder = shapeBuilders.get(signature);
  if (!builder) {
    builder = keys.every((key) => PLAIN_KEY.test(key) && key !== '__proto__') ? literalBuilder(keys) : assigningBuilder(keys);
    shapeBuilders.set(signature, builder);
  }
  return builder;
}

function literalBuilder(keys: readonly string[]): ShapeBuilder {
  // An object literal's values are evaluated in order, so `next` reads them as they were packed.
  const body = `return { ${keys.map((key) => `${JSON.stringify(key)}: next()`).join(', ')} };`;
  return new Function('next', body) as ShapeBuilder;
}

function assigningBuilder(keys: readonly string[]): ShapeBuilder {
  return (next) => {
    const object: Record<string, unknown> = {};
    for (const key of keys) object[key] = next();
    return object;
  };
}

/** The unit to post. Keys keep their order. */
export function packCalls(unit: ParsedUnit): PackedUnit {
  const bytes = pack(unit.calls);
  const packed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(unit)) {
    if (key === 'calls') packed['packedCalls'] = bytes;
    else if (key !== 'file') packed[key] = value;
  }
  return packed as unknown as PackedUnit;
}

/**
 * The unit with `calls` read from its buffer on every access (each read gives fresh objects that
 * the reader lets go), so the sites are held only while the calls phase walks one file. Its keys
 * are in the order extraction gives a unit; the buffer is a non-enumerable symbol property, and
 * every unit shares one getter. A getter closed over each unit's buffer gave each unit a map of its
 * own, which V8 turns into a dictionary (a 430-byte property table each, 4.7 MB over the
 * 10,000-file tree's 11,031 units, seen with %HasFastProperties) that every phase then read through.
 */
export function unpackCalls(packed: PackedUnit, file: SourceFile): ParsedUnit {
  const unit: { -readonly [K in keyof ParsedUnit]?: ParsedUnit[K] } = {};
  unit.file = file;
  unit.status = packed.status;
  unit.lines = packed.lines;
  unit.hash = packed.hash;
  unit.definitions = packed.definitions;
  unit.imports = packed.imports;
  unit.exports = packed.exports;
  Object.defineProperty(unit, 'calls', CALLS);
  unit.moduleBindings = packed.moduleBindings;
  unit.diagnostics = packed.diagnostics;
  Object.defineProperty(unit, PACKED, { value: packed.packedCalls, enumerable: false, writable: false, configurable: false });
  return unit as ParsedUnit;
}

const PACKED = Symbol('packed call sites');

const CALLS: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: { readonly [PACKED]: Uint8Array }): readonly CallSite[] {
    return unpack(this[PACKED]) as CallSite[];
  },
};
