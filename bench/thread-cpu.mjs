#!/usr/bin/env node
// CPU seconds of each thread of a command and of every process it starts, read from /proc (Linux)
// every 50 ms while it runs: where a run's CPU time goes when it is spread over worker threads,
// V8's own threads and child processes. docs/benchmarks.md ("Seventeenth session") uses it.
//   node bench/thread-cpu.mjs -- node bin/codegraph.js index <repo> --out <dir>
// Prints one line per thread with at least MIN_CPU_S of CPU (the rest of a process in one line),
// its process's command, when it was first and last seen, and the total. The command's own output
// is discarded; its standard error passes through.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { processTree } from './lib/measure.mjs';

const POLL_MS = 50;
/** Threads with less CPU than this are summed per process. */
const MIN_CPU_S = 0.1;

function tasksOf(pid) {
  try {
    return readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
}

function readOr(file, fallback) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
}

/** A thread's user + system CPU seconds from its stat line (fields 14 and 15, after the name). */
export function cpuOfStat(stat, ticksPerSecond = 100) {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

/**
 * The threads seen, as printed: one line per thread with at least `minCpu` seconds, one per process
 * for the rest of its threads, the heaviest first, then the total.
 */
export function threadReport(threads, minCpu = MIN_CPU_S) {
  const rows = new Map();
  for (const t of threads) {
    const key = t.cpu >= minCpu ? `${t.pid}/${t.tid}` : `${t.pid}/rest`;
    const row = rows.get(key) ?? { pid: t.pid, what: t.cpu >= minCpu ? (t.tid === t.pid ? 'main thread' : `thread ${t.tid}`) : 'other threads', command: t.command, cpu: 0, threads: 0, first: t.first, last: t.last };
    row.cpu += t.cpu;
    row.threads++;
    row.first = Math.min(row.first, t.first);
    row.last = Math.max(row.last, t.last);
    rows.set(key, row);
  }
  const sorted = [...rows.values()].filter((r) => r.cpu > 0).sort((a, b) => b.cpu - a.cpu);
  const lines = sorted.map((r) => `${r.cpu.toFixed(2).padStart(7)} s  ${String(r.pid).padStart(7)} ${`${r.what}${r.threads > 1 ? ` (${r.threads})` : ''}`.padEnd(22)} ${`${r.first}-${r.last} ms`.padEnd(16)} ${r.command}`);
  const total = threads.reduce((sum, t) => sum + t.cpu, 0);
  return [...lines, `${total.toFixed(2).padStart(7)} s  in all`].join('\n');
}

function main() {
  const dash = process.argv.indexOf('--');
  const command = dash >= 0 ? process.argv.slice(dash + 1) : [];
  if (command.length === 0) {
    console.error('usage: node bench/thread-cpu.mjs -- <command> [args...]');
    process.exit(2);
  }
  const started = Date.now();
  const child = spawn(command[0], command.slice(1), { stdio: ['ignore', 'ignore', 'inherit'] });
  const seen = new Map();
  const poll = () => {
    const now = Date.now() - started;
    for (const pid of processTree(child.pid)) {
      const cmdline = readOr(`/proc/${pid}/cmdline`, '').split('\0').filter(Boolean);
      const shown = cmdline.slice(0, 3).map((part) => part.split('/').slice(-2).join('/')).join(' ').slice(0, 80);
      for (const tid of tasksOf(pid)) {
        const stat = readOr(`/proc/${pid}/task/${tid}/stat`, undefined);
        if (stat === undefined) continue;
        const key = `${pid}/${tid}`;
        const before = seen.get(key);
        seen.set(key, { pid, tid: Number(tid), command: before?.command || shown, cpu: cpuOfStat(stat), first: before?.first ?? now, last: now });
      }
    }
  };
  const timer = setInterval(poll, POLL_MS);
  poll();
  child.on('exit', (code) => {
    clearInterval(timer);
    console.log(threadReport([...seen.values()]));
    console.log(`wall ${Date.now() - started} ms, exit code ${code}`);
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
