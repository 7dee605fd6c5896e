import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeFolder, OutputTransaction, recoverOutput } from '../../../src/storage/output-dir.js';
import { UsageError } from '../../../src/errors.js';
import { makeTempDir, removeDir } from '../../helpers/temp-repo.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));
const outDir = (): string => {
  const d = makeTempDir();
  dirs.push(d);
  return path.join(d, 'out');
};
const read = (dir: string, f: string) => readFileSync(path.join(dir, f), 'utf8');
/** A pid that is certainly not running: a child that has already exited. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '0']).pid!;

describe('OutputTransaction', () => {
  it('swaps every staged file in, deletes what it is told, and leaves no lock or staged file', async () => {
    const out = outDir();
    const tx = await OutputTransaction.begin(out);
    writeFileSync(path.join(out, 'graph.kuzu'), 'old db');
    writeFileSync(tx.staged('graph.json'), 'new graph');
    writeFileSync(tx.staged('report.json'), 'new report');
    await tx.commit([[tx.staged('graph.json'), 'graph.json'], [tx.staged('report.json'), 'report.json']], ['graph.kuzu', 'graph.kuzu.wal']);
    await tx.release();
    expect(readdirSync(out).sort()).toEqual(['graph.json', 'report.json']);
    expect([read(out, 'graph.json'), read(out, 'report.json')]).toEqual(['new graph', 'new report']);
  });

  it('a commit interrupted after its journal is completed by the next command that opens the folder', async () => {
    const out = outDir();
    const tx = await OutputTransaction.begin(out);
    writeFileSync(path.join(out, 'graph.json'), 'old graph');
    writeFileSync(path.join(out, 'report.json'), 'old report');
    // What a process killed half-way through commit() leaves: the journal, one rename done.
    const pid = deadPid();
    const staged = (name: string) => `.${name}.${pid}.tmp`;
    writeFileSync(path.join(out, staged('graph.json')), 'new graph');
    writeFileSync(path.join(out, staged('report.json')), 'new report');
    writeFileSync(path.join(out, '.commit'), JSON.stringify({ renames: [[staged('graph.json'), 'graph.json'], [staged('report.json'), 'report.json']], deletes: [] }));
    renameSync(path.join(out, staged('graph.json')), path.join(out, 'graph.json'));
    await tx.release();
    writeFileSync(path.join(out, '.lock'), `${pid}\n`);
    await recoverOutput(out);
    expect([read(out, 'graph.json'), read(out, 'report.json')]).toEqual(['new graph', 'new report']);
    expect(readdirSync(out).sort()).toEqual(['.lock', 'graph.json', 'report.json']);
  });

  it('removes files staged by a dead process, but not those of a live one', async () => {
    const out = outDir();
    const tx = await OutputTransaction.begin(out);
    await tx.release();
    const dead = deadPid();
    writeFileSync(path.join(out, `.graph.json.${dead}.tmp`), 'x');
    writeFileSync(path.join(out, `.graph.kuzu.${dead}.tmp.wal`), 'x');
    writeFileSync(path.join(out, `.graph.json.${process.ppid}.tmp`), 'x');
    await recoverOutput(out);
    expect(readdirSync(out)).toEqual([`.graph.json.${process.ppid}.tmp`]);
  });

  it('refuses a second writer with the holder pid, and takes over the lock of a dead one', async () => {
    const out = outDir();
    const first = await OutputTransaction.begin(out);
    await expect(OutputTransaction.begin(out)).rejects.toThrow(new UsageError(
      `another codegraph index (pid ${process.pid}) is writing ${out}; wait for it to finish, or remove ${path.join(out, '.lock')} if that process is not codegraph`,
    ));
    await first.release();
    writeFileSync(path.join(out, '.lock'), `${deadPid()}\n`);
    const second = await OutputTransaction.begin(out);
    expect(read(out, '.lock')).toBe(`${process.pid}\n`);
    await second.release();
    expect(existsSync(path.join(out, '.lock'))).toBe(false);
  });

  it('makes missing parent folders, and refuses at once a folder that cannot be made', async () => {
    const out = path.join(outDir(), 'a', 'b');
    await makeFolder(out);
    await makeFolder(out);
    expect(existsSync(out)).toBe(true);
    const file = path.join(out, 'file');
    writeFileSync(file, '');
    await expect(makeFolder(path.join(file, 'sub'))).rejects.toMatchObject({ code: 'ENOTDIR' });
    await expect(makeFolder(file)).rejects.toMatchObject({ code: 'EEXIST' });
    // /proc holds no new folders; Node's recursive mkdir retries it forever.
    await expect(makeFolder('/proc/nope/deeper')).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(OutputTransaction.begin('/proc/nope')).rejects.toThrow(new UsageError('cannot create the output folder /proc/nope'));
  });
});
