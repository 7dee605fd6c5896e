import { createWriteStream, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChunkedWriter, PIECE_CHARS, writeTextFile } from '../../../src/storage/text-file.js';
import { tempDirsPerTest } from '../../helpers/temp-repo.js';

const tempDir = tempDirsPerTest('codegraph-text-file-');

/** Lines of one- and two-byte characters, an emoji's surrogate pair and quotes among them. */
const lines = Array.from({ length: 20_000 }, (_, i) => `line ${i}: ${i % 3 === 0 ? 'émoji😀 “quoted”' : 'plain "ascii"'}`);

describe('a text file written a piece at a time', () => {
  it('holds exactly the text added, across many pieces of two-byte characters, each just past PIECE_CHARS', async () => {
    const file = path.join(tempDir(), 'out.txt');
    const pieces: number[] = [];
    await writeTextFile(file, async (writer) => {
      let piece = 0;
      for (const line of lines) {
        piece += line.length + 1;
        if (writer.add(`${line}\n`)) {
          // Full only once past PIECE_CHARS, and not before the line that took it past.
          expect(piece).toBeGreaterThan(PIECE_CHARS);
          expect(piece - line.length - 1).toBeLessThanOrEqual(PIECE_CHARS);
          pieces.push(piece);
          piece = 0;
          await writer.flush();
        }
      }
    });
    expect(readFileSync(file, 'utf8')).toBe(lines.map((l) => `${l}\n`).join(''));
    // ~700k characters: many pieces, not one.
    expect(pieces.length).toBeGreaterThan(15);
  });

  it('asks for a flush once a piece is past PIECE_CHARS characters, not at it', async () => {
    const out = createWriteStream(path.join(tempDir(), 'out.txt'));
    const writer = new ChunkedWriter(out);
    expect(writer.add('x'.repeat(PIECE_CHARS))).toBe(false);
    expect(writer.add('é')).toBe(true);
    await writer.end();
  });
});
