import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countLines, readSource } from '../../../src/discover/read-source.js';
import { makeTempDir, removeDir } from '../../helpers/temp-repo.js';

let dir: string;
beforeAll(() => {
  dir = makeTempDir('codegraph-read-');
});
afterAll(() => removeDir(dir));

function file(name: string, bytes: Buffer | string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}
const sha = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex');

describe('readSource', () => {
  it('reads UTF-8 text with its hash and line count', () => {
    const text = 'const é = "日本";\nf();\n';
    expect(readSource(file('a.ts', text), 1024)).toEqual({ kind: 'text', text, hash: sha(text), lines: 2 });
  });

  it('strips a UTF-8 BOM from the text but hashes the bytes as stored', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('x;')]);
    expect(readSource(file('bom.ts', bytes), 1024)).toEqual({ kind: 'text', text: 'x;', hash: sha(bytes), lines: 1 });
  });

  it('skips files over the size limit without reading them', () => {
    expect(readSource(file('big.ts', 'x'.repeat(101)), 100)).toEqual({ kind: 'skipped', reason: 'too-large', size: 101, message: '101 bytes is over the 100-byte limit' });
    expect(readSource(file('edge.ts', 'x'.repeat(100)), 100).kind).toBe('text');
  });

  it('skips binary, UTF-16 and invalid UTF-8 files with their reason', () => {
    const binary = Buffer.from([0x61, 0x00, 0x62]);
    expect(readSource(file('bin.js', binary), 1024)).toEqual({ kind: 'skipped', reason: 'binary', hash: sha(binary), size: 3, message: 'a NUL byte in the first 8 KiB' });
    const utf16 = Buffer.from([0xff, 0xfe, 0x61, 0x00]);
    expect(readSource(file('u16.ts', utf16), 1024)).toMatchObject({ kind: 'skipped', reason: 'utf16', hash: sha(utf16) });
    const latin1 = Buffer.from([0x63, 0x61, 0x66, 0xe9]);
    expect(readSource(file('l1.js', latin1), 1024)).toMatchObject({ kind: 'skipped', reason: 'not-utf8', hash: sha(latin1) });
  });

  it('a NUL after the first 8 KiB is not binary (but still text)', () => {
    const text = `${'a'.repeat(9000)}\u0000`;
    expect(readSource(file('late.js', text), 1 << 20).kind).toBe('text');
  });

  it('reports missing and unreadable files as unreadable', () => {
    expect(readSource(join(dir, 'missing.ts'), 1024)).toEqual({ kind: 'skipped', reason: 'unreadable', message: 'cannot read the file (ENOENT)' });
    const locked = file('locked.ts', 'x');
    chmodSync(locked, 0o000);
    const result = readSource(locked, 1024);
    chmodSync(locked, 0o644);
    // root can read anything; everyone else gets EACCES
    if (process.getuid?.() !== 0) expect(result).toEqual({ kind: 'skipped', reason: 'unreadable', message: 'cannot read the file (EACCES)' });
    else expect(result.kind).toBe('text');
  });

  it('counts lines as an editor shows them', () => {
    expect([countLines(''), countLines('a'), countLines('a\n'), countLines('a\nb'), countLines('\n\n')]).toEqual([0, 1, 1, 2, 2]);
  });
});
