import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

export type SkipReason = 'too-large' | 'binary' | 'not-utf8' | 'utf16' | 'unreadable';

export type SourceRead =
  | { readonly kind: 'text'; readonly text: string; readonly hash: string; readonly lines: number }
  | {
      readonly kind: 'skipped';
      readonly reason: SkipReason;
      readonly message: string;
      readonly hash?: string;
      readonly size?: number;
    };

const BINARY_PROBE = 8192;
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * Reads one source file as UTF-8 text, or says why it is not parsed. Never throws for a problem
 * with the file itself: a file that vanished or cannot be opened is `unreadable`.
 */
export function readSource(absPath: string, maxFileSize: number): SourceRead {
  let bytes: Buffer;
  try {
    const fd = openSync(absPath, 'r');
    try {
      const size = fstatSync(fd).size;
      if (size > maxFileSize) {
        return { kind: 'skipped', reason: 'too-large', size, message: `${size} bytes is over the ${maxFileSize}-byte limit` };
      }
      bytes = readAll(fd, size);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    return { kind: 'skipped', reason: 'unreadable', message: `cannot read the file (${code})` };
  }
  const hash = createHash('sha256').update(bytes).digest('hex');
  if (hasUtf16Bom(bytes)) {
    return { kind: 'skipped', reason: 'utf16', hash, size: bytes.length, message: 'UTF-16 text is not parsed' };
  }
  if (bytes.subarray(0, BINARY_PROBE).includes(0)) {
    return { kind: 'skipped', reason: 'binary', hash, size: bytes.length, message: 'a NUL byte in the first 8 KiB' };
  }
  let text: string;
  try {
    // The decoder strips a UTF-8 BOM (ignoreBOM: false) and rejects invalid sequences (fatal).
    text = decoder.decode(bytes);
  } catch {
    return { kind: 'skipped', reason: 'not-utf8', hash, size: bytes.length, message: 'not valid UTF-8' };
  }
  return { kind: 'text', text, hash, lines: countLines(text) };
}

/** Lines as an editor shows them: a final newline does not start another line. */
export function countLines(text: string): number {
  if (text.length === 0) return 0;
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  return text.endsWith('\n') ? lines - 1 : lines;
}

function hasUtf16Bom(bytes: Buffer): boolean {
  return bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
}

function readAll(fd: number, size: number): Buffer {
  // The size from fstat may be stale if the file changes while we read; read until EOF. One byte
  // more than the size lets the read that finds EOF happen without growing the buffer (a copy of
  // every file into one twice its size, before).
  let buffer = Buffer.allocUnsafe(size + 1);
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      const bigger = Buffer.allocUnsafe(buffer.length * 2);
      buffer.copy(bigger, 0, 0, length);
      buffer = bigger;
    }
    const read = readSync(fd, buffer, length, buffer.length - length, null);
    if (read === 0) break;
    length += read;
  }
  return buffer.subarray(0, length);
}
