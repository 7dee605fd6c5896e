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
        if (writer.add(`${JSON.stringify(item)}\n`)) await writer.flush();
      }
    },
    signal,
  );
}

/**
 * The id of an item line as JSON.stringify writes a graph item: `{"id":"…",`. The string is read
 * up to its closing quote; only an id with an escape in it is handed to JSON.parse.
 */
export function lineId(line: string): string {
  const start = 6; // after `{"id":`
  if (!line.startsWith('{"id":"')) throw new Error(`not a graph item line: ${line.slice(0, 40)}`);
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
