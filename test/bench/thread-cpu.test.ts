import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpuOfStat, threadReport } from '../../bench/thread-cpu.mjs';

describe('thread-cpu', () => {
  it('reads user and system ticks after the name, whatever the name holds', () => {
    // Fields after the name: state, ppid, pgrp, session, tty, tpgid, flags, minflt, cminflt,
    // majflt, cmajflt, utime (250 ticks), stime (37 ticks), ...
    const stat = '4242 (node (worker) 1) S 1 4242 4242 0 -1 4194560 900 0 0 0 250 37 0 0 20 0 11 0';
    expect(cpuOfStat(stat)).toBeCloseTo(2.87, 10);
  });

  it('lists the heavy threads one by one and the rest of each process in one line, heaviest first', () => {
    const threads = [
      { pid: 10, tid: 10, command: 'node index', cpu: 1.5, first: 0, last: 900 },
      { pid: 10, tid: 12, command: 'node index', cpu: 2.25, first: 100, last: 700 },
      { pid: 10, tid: 13, command: 'node index', cpu: 0.04, first: 50, last: 900 },
      { pid: 10, tid: 14, command: 'node index', cpu: 0.02, first: 60, last: 800 },
      { pid: 20, tid: 20, command: 'node kuzu', cpu: 0.5, first: 200, last: 850 },
    ];
    expect(threadReport(threads).split('\n')).toEqual([
      '   2.25 s       10 thread 12              100-700 ms       node index',
      '   1.50 s       10 main thread            0-900 ms         node index',
      '   0.50 s       20 main thread            200-850 ms       node kuzu',
      '   0.06 s       10 other threads (2)      50-900 ms        node index',
      '   4.31 s  in all',
    ]);
  });

  it.skipIf(process.platform !== 'linux')('measures a command and the process it starts', () => {
    // Each process spins until its own CPU clock says 0.4 s, then idles 300 ms so that the tool's
    // polls (every 50 ms) see all of it; the parent starts the child after its own spin.
    const spin =
      'let x = 0; for (let u = { user: 0, system: 0 }, t = process.cpuUsage(); u.user + u.system < 400000; u = process.cpuUsage(t)) for (let i = 0; i < 1e6; i++) x += i;' +
      ' Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);';
    const parent = `${spin} require('node:child_process').spawnSync(process.execPath, ['-e', ${JSON.stringify(spin)}]);`;
    const run = spawnSync(process.execPath, ['bench/thread-cpu.mjs', '--', process.execPath, '-e', parent], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    const mains = run.stdout.split('\n').filter((line) => line.includes('main thread'));
    expect(mains).toHaveLength(2);
    for (const line of mains) expect(Number(line.trim().split(' ')[0])).toBeGreaterThanOrEqual(0.39);
    expect(run.stdout).toMatch(/wall \d+ ms, exit code 0\n$/);
  });
});
