import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

// Writing a large text file a line at a time: the lines are gathered into pieces, and each piece
// waits for the stream to drain, so memory holds one piece, not the file.

/**
 * Characters in a piece before it is written. A piece is flattened into one string and copied
 * into a Buffer to be written; at two bytes a character (any non-Latin-1 character makes it so)
 * a piece of 64 Ki characters was past V8's largest ordinary object (128 KiB), so every piece
 * took fresh pages of its own that the kernel had to fault in (an index of the mix: 17k of its
 * 122k page faults). Pieces of half that size are ordinary objects: 112k faults (real-10k: 362k
 * -> 295k, its CPU time 1.3% less).
 */
export const PIECE_CHARS = 1 << 15;

/** Resolved once: a write that fills no piece costs no promise of its own. */
const WRITTEN: Promise<void> = Promise.resolve();

/** Text written to a stream in large pieces, waiting for it to drain; every stream error rejects. */
export class ChunkedWriter {
  private buffer = '';
  private readonly failed: Promise<never>;

  constructor(private readonly out: WriteStream) {
    // Every error of the stream (the first one counts) is handled, also while no write is waiting.
    this.failed = new Promise<never>((_, reject) => out.on('error', reject));
    this.failed.catch(() => undefined);
  }

  /**
   * Adds text without waiting; true once a piece is full, and the caller should `flush()` before
   * it adds more (a loop over many lines then awaits once a piece, not once a line).
   */
  add(text: string): boolean {
    this.buffer += text;
    return this.buffer.length > PIECE_CHARS;
  }

  write(text: string): Promise<void> {
    return this.add(text) ? this.flush() : WRITTEN;
  }

  async flush(): Promise<void> {
    const chunk = this.buffer;
    this.buffer = '';
    if (chunk !== '' && !this.out.write(chunk)) await Promise.race([once(this.out, 'drain'), this.failed]);
  }

  /** Writes what is left and waits until the file is closed. */
  async end(): Promise<void> {
    await this.flush();
    this.out.end();
    await Promise.race([once(this.out, 'close'), this.failed]);
  }
}

/**
 * Writes a file through `fill` (or adds to its end: `append`); on any failure the stream is
 * destroyed and closed before the error is thrown, so a stopped write cannot recreate the file
 * after it was removed.
 */
export async function writeTextFile(file: string, fill: (writer: ChunkedWriter) => Promise<void>, signal?: AbortSignal, options: { append?: boolean } = {}): Promise<void> {
  const out = createWriteStream(file, { encoding: 'utf8', flags: options.append ? 'a' : 'w', ...(signal ? { signal } : {}) });
  try {
    const writer = new ChunkedWriter(out);
    await fill(writer);
    await writer.end();
  } catch (error) {
    out.destroy();
    if (!out.closed) await once(out, 'close');
    throw error;
  }
}
