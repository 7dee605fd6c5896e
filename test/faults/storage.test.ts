import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import kuzu from 'kuzu';
import { OutputTransaction } from '../../src/storage/output-dir.js';
import { validateOutput } from '../../src/validate/validate-output.js';
import { ROOT, copyFixture, runCli } from '../helpers/cli.js';
import { indexAsCli } from '../helpers/index-in-process.js';
import { makeTempDir } from '../helpers/temp-repo.js';

const made: string[] = [];
afterAll(() => {
  for (const d of made) {
    spawnSync('umount', [d]);
    rmSync(d, { recursive: true, force: true });
  }
});

function fixture(): string {
  const repo = copyFixture('index-basic');
  made.push(path.dirname(repo));
  return repo;
}

/** A small tmpfs, where the machine lets us mount one (root, as in CI); undefined otherwise. */
function smallDisk(size: string): string | undefined {
  const dir = makeTempDir('codegraph-disk-');
  made.push(dir);
  return spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]).status === 0 ? dir : undefined;
}
const canMount = (() => {
  const probe = smallDisk('1m');
  if (probe) spawnSync('umount', [probe]);
  return probe !== undefined;
})();

const snapshot = (out: string) => Object.fromEntries(readdirSync(out).sort().map((f) => [f, readFileSync(path.join(out, f)).toString('base64')]));

async function waitFor(condition: () => boolean, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('storage faults', () => {
  it('an index on an output folder another live run holds refuses at once, naming the holder', async () => {
    const repo = fixture();
    const out = path.join(repo, '.codegraph');
    // This test process holds the folder as a running index would (no race on a second process).
    const holder = await OutputTransaction.begin(out);
    try {
      const second = runCli(['index', repo]);
      expect([second.code, second.stdout]).toEqual([2, '']);
      expect(second.stderr).toBe(`error: another codegraph index (pid ${process.pid}) is writing ${out}; wait for it to finish, or remove ${path.join(out, '.lock')} if that process is not codegraph\n`);
    } finally {
      await holder.release();
    }
    expect(readdirSync(out)).toEqual([]);
  });

  it('a reader holding the old graph.kuzu open neither blocks the run nor sees a broken file', async () => {
    const repo = fixture();
    const out = path.join(repo, '.codegraph');
    expect((await indexAsCli(repo)).report.exitCode).toBe(0);
    // A user's open connection, read-write (the kind that locks the file), in another process.
    const holder = spawn(process.execPath, ['-e', `
      const kuzu = require('kuzu');
      const db = new kuzu.Database(process.argv[1]);
      const conn = new kuzu.Connection(db);
      (async () => {
        const count = async () => { const r = await conn.query('MATCH (n:File) RETURN count(*) AS n'); const rows = await r.getAll(); r.close(); return rows[0].n; };
        process.stdout.write('ready ' + (await count()) + '\\n');
        process.stdin.once('data', async () => { process.stdout.write('after ' + (await count()) + '\\n'); await conn.close(); await db.close(); process.exit(0); });
      })();`, path.join(out, 'graph.kuzu')], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
    let said = '';
    holder.stdout.on('data', (c) => (said += c));
    await waitFor(() => said.includes('ready'));
    expect(said).toBe('ready 6\n');
    mkdirSync(path.join(repo, 'src', 'more'), { recursive: true });
    spawnSync('cp', [path.join(repo, 'src', 'main.ts'), path.join(repo, 'src', 'more', 'main2.ts')]);
    const { report } = await indexAsCli(repo);
    expect(report).toMatchObject({ exitCode: 0, kuzu: { status: 'ok' }, validation: { consistent: true } });
    holder.stdin.write('\n');
    await new Promise((r) => holder.on('exit', r));
    expect(said).toBe('ready 6\nafter 6\n');
    const db = new kuzu.Database(path.join(out, 'graph.kuzu'), 0, true, true);
    const conn = new kuzu.Connection(db);
    const r = await conn.query('MATCH (n:File) RETURN count(*) AS n');
    const single = Array.isArray(r) ? r[0]! : r;
    expect((await single.getAll())[0]!['n']).toBe(7);
    single.close();
    await conn.close();
    await db.close();
  });

  it('a corrupt graph.kuzu left by someone else: validate says so in one line, and the next index replaces it', async () => {
    const repo = fixture();
    const out = path.join(repo, '.codegraph');
    expect((await indexAsCli(repo)).report.exitCode).toBe(0);
    writeFileSync(path.join(out, 'graph.kuzu'), Buffer.alloc(64 * 1024, 0x5a));
    const broken = runCli(['validate', repo]);
    expect(broken.code).toBe(2);
    expect(broken.stderr.trim().split('\n')[0]).toMatch(/^error: .*graph\.kuzu/);
    expect(broken.stderr).not.toMatch(/\n\s+at /);
    const next = await indexAsCli(repo, { incremental: false });
    expect(next.report.exitCode).toBe(0);
    expect(next.report.validation).toMatchObject({ consistent: true, kuzu: { status: 'compared' } });
  });

  it.skipIf(!canMount)('a full disk during the Kuzu load degrades: exit 3, graph.json complete and valid, the next run recovers', () => {
    const disk = smallDisk('8m')!;
    const repo = fixture();
    const out = path.join(disk, 'out');
    const result = runCli(['index', repo, '--out', out, '--json']);
    expect(result.code).toBe(3);
    const report = JSON.parse(result.stdout);
    expect(report.kuzu.status).toBe('degraded');
    expect(report.kuzu.reason).toMatch(/KiB free on the output folder's disk/);
    expect(report.validation).toMatchObject({ consistent: true, kuzu: { status: 'skipped' } });
    expect(existsSync(path.join(out, 'graph.kuzu'))).toBe(false);
    expect(JSON.parse(readFileSync(path.join(out, 'graph.json'), 'utf8')).nodes).toHaveLength(24);
    expect(runCli(['index', repo, '--out', out, '-q', '--allow-degraded']).code).toBe(0);
    // A healthy run, once there is room, recovers without clean-up by hand.
    expect(spawnSync('mount', ['-o', 'remount,size=256m', disk]).status).toBe(0);
    expect(runCli(['index', repo, '--out', out, '-q']).code).toBe(0);
    expect(runCli(['validate', repo, '--out', out]).code).toBe(0);
  });

  // A full disk for graph.json is in stores.test.ts (a sink made to fail, in this process).
  it.skipIf(!canMount)('an output folder on a read-only disk is exit 2 and the previous output stays intact', async () => {
    const disk = smallDisk('256m')!;
    const repo = fixture();
    const out = path.join(disk, 'out');
    expect((await indexAsCli(repo, { out })).report.exitCode).toBe(0);
    const before = snapshot(out);
    expect(spawnSync('mount', ['-o', 'remount,ro', disk]).status).toBe(0);
    const readOnly = runCli(['index', repo, '--out', out]);
    expect(readOnly.code).toBe(2);
    expect(readOnly.stderr).toMatch(/^error: cannot write to the output folder .*\nReason: EROFS/);
    expect(snapshot(out)).toEqual(before);
    expect((await validateOutput(out)).consistent).toBe(true);
  });
});
