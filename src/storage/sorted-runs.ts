import { compareIds } from '../graph/ids.js';
import { fileLines } from './output-reader.js';
import { writeTextFile } from './text-file.js';

// graph.json lists every node and relationship sorted by id. Each phase's items are written, as
// their graph.json lines, to a file of their own sorted by id (a run) as soon as the phase is
// built, so no store holds the whole graph; finishing merges the runs. A merge only compares ids,
// which lead each line, so no line is parsed again.

/** Items sorted by id: the array itself when it is already (builder fragments are), else a sorted copy. */
export function sortedById<T extends { readonly id: string }>(items: readonly T[]): readonly T[] {
  for (let i = 1; i < items.length; i++) {
    if (compareIds(items[i - 1]!.id, items[i]!.id) > 0) return [...items].sort((a, b) => compareIds(a.id, b.id));
  }
  return items;
}

/** Writes one run: each item's JSON on a line of its own, in the given (sorted) order. */
export async function writeRun(file: string, items: readonly unknown[], signal?: AbortSignal): Promise<void> {
  await writeTextFile(
    file,
    async (writer) => {
      for (const item of items) {
        if (writer.add(`${itemLine(item)}\n`)) await writer.flush();
      }
    },
    signal,
  );
}

/**
 * An item's line: JSON.stringify's text. A node or relationship (its keys in graph.json's order,
 * its strings free of anything JSON escapes) is written out here, with only its properties left
 * to JSON.stringify: a third less work than stringifying the whole item, the most of a run's cost.
 */
export function itemLine(item: unknown): string {
  return graphItemLine(item) ?? JSON.stringify(item);
}

/** A string JSON.stringify writes as it is between quotes: no quote, backslash, control character or surrogate. */
const PLAIN = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

/** Whether JSON.stringify writes `value` as it is between quotes (no escape in it): far cheaper to test than to call. */
export function plain(value: unknown): value is string {
  return typeof value === 'string' && PLAIN.test(value);
}

function graphItemLine(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null || Object.getPrototypeOf(item) !== Object.prototype) return undefined;
  const fields = item as Readonly<Record<string, unknown>>;
  const { properties } = fields;
  if (typeof properties !== 'object' || properties === null || Object.getPrototypeOf(properties) !== Object.prototype) return undefined;
  let keys = 0;
  for (const key in fields) if (key !== (fields['label'] === undefined ? RELATIONSHIP_KEYS : NODE_KEYS)[keys++]) return undefined;
  const props = JSON.stringify(properties);
  if (keys === NODE_KEYS.length && plain(fields['id']) && plain(fields['label'])) {
    return `{"id":"${fields['id']}","label":"${fields['label']}","properties":${props}}`;
  }
  if (keys === RELATIONSHIP_KEYS.length && plain(fields['id']) && plain(fields['type']) && plain(fields['source']) && plain(fields['target'])) {
    return `{"id":"${fields['id']}","type":"${fields['type']}","source":"${fields['source']}","target":"${fields['target']}","properties":${props}}`;
  }
  return undefined;
}

const NODE_KEYS = ['id', 'label', 'properties'];
const RELATIONSHIP_KEYS = ['id', 'type', 'source', 'target', 'properties'];

/**
 * The id of an item line as JSON.stringify writes a graph item: `{"id":"…",`. The string is read
 * up to its closing quote; only an id with an escape in it is handed to JSON.parse.
 */
export function lineId(line: string): string {
  const start = 6; // after `{"id":`
  if (!line.startsWith('{"id":"')) throw new Error(`not a graph item line: ${line.slice(0, 40)}`);
  // Most ids hold no escape: the first quote after the opening one closes them.
  const end = line.indexOf('"', start + 1);
  if (end > start && line.lastIndexOf('\\', end) <= start) return line.slice(start + 1, end);
  let escaped = false;
  for (let i = start + 1; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 0x5c) {
      escaped = true;
      i++;
    } else if (c === 0x22) {
      return escaped ? (JSON.parse(line.slice(start, i + 1)) as string) : line.slice(start + 1, i);
    }
  }
  throw new Error(`not a graph item line: ${line.slice(0, 40)}`);
}

/** One run being read: its current line and id, refilled a chunk of lines at a time. */
interface RunCursor {
  readonly lines: AsyncGenerator<string[]>;
  chunk: string[];
  at: number;
  id: string;
}

async function advance(cursor: RunCursor): Promise<boolean> {
  cursor.at++;
  while (cursor.at >= cursor.chunk.length) {
    const next = await cursor.lines.next();
    if (next.done) return false;
    cursor.chunk = next.value.filter((line) => line !== '');
    cursor.at = 0;
  }
  cursor.id = lineId(cursor.chunk[cursor.at]!);
  return true;
}

/**
 * The lines of several runs in id order. Equal ids (which the builder never lets through) come
 * out in run order.
 */
export async function* mergeRuns(files: readonly string[]): AsyncGenerator<string> {
  const open: RunCursor[] = [];
  try {
    for (const file of files) {
      const cursor: RunCursor = { lines: fileLines(file), chunk: [], at: -1, id: '' };
      open.push(cursor);
      if (!(await advance(cursor))) open.pop();
    }
    while (open.length > 0) {
      let min = 0;
      for (let i = 1; i < open.length; i++) if (compareIds(open[i]!.id, open[min]!.id) < 0) min = i;
      const cursor = open[min]!;
      yield cursor.chunk[cursor.at]!;
      if (!(await advance(cursor))) open.splice(min, 1);
    }
  } finally {
    await Promise.all(open.map((c) => c.lines.return(undefined)));
  }
}
