// Runs a command as a child process and measures its wall time and peak memory.
// Peak RSS comes from GNU time (%M, the child's own high-water mark) when /usr/bin/time exists,
// and from polling /proc for the RSS summed over the child's process tree (catches helpers
// spawned as separate processes); the larger of the two is reported.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const GNU_TIME = '/usr/bin/time';
export const HAS_GNU_TIME = existsSync(GNU_TIME);
const POLL_MS = 50;
const STDERR_KEEP = 8192;

function readRssKb(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmRSS:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** The processes started by any thread of `pid` (a process ended between polls has none). */
function childrenOf(pid) {
  const out = [];
  let tasks = [];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return out;
  }
  for (const tid of tasks) {
    try {
      for (const child of readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ')) {
        if (child.trim()) out.push(Number(child));
      }
    } catch {
      // The thread or the process ended between polls.
    }
  }
  return out;
}

/** `rootPid` and every process it started, directly or not, as /proc shows them now (Linux). */
export function processTree(rootPid) {
  const pids = [rootPid];
  for (let i = 0; i < pids.length; i++) pids.push(...childrenOf(pids[i]));
  return pids;
}

function treeRssKb(rootPid, skipRoot) {
  let total = 0;
  for (const pid of processTree(rootPid)) if (!(skipRoot && pid === rootPid)) total += readRssKb(pid);
  return total;
}

/**
 * Runs `command args` and resolves (never rejects) with
 * { code, signal, timedOut, wallMs, peakRssMb, userS, sysS, stdout, stderr, error }.
 */
export function runMeasured(command, args, { cwd, env, timeoutMs = 60 * 60 * 1000 } = {}) {
  const scratch = mkdtempSync(join(tmpdir(), 'codegraph-bench-'));
  const timeFile = join(scratch, 'time.txt');
  const argv = HAS_GNU_TIME ? ['-f', '%e %M %U %S', '-o', timeFile, command, ...args] : args;
  const program = HAS_GNU_TIME ? GNU_TIME : command;
  return new Promise((resolve) => {
    const started = performance.now();
    let child;
    try {
      child = spawn(program, argv, { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    } catch (error) {
      resolve({ code: null, signal: null, timedOut: false, wallMs: 0, peakRssMb: null, stdout: '', stderr: '', error: String(error) });
      return;
    }
    currentChild = child;
    const stdout = [];
    let stderr = '';
    let polledPeakKb = 0;
    let timedOut = false;
    child.stdout.on('data', (chunk) => stdout.push(chunk));
    child.stderr.on('data', (chunk) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_KEEP);
    });
    const poll = setInterval(() => {
      polledPeakKb = Math.max(polledPeakKb, treeRssKb(child.pid, HAS_GNU_TIME));
    }, POLL_MS);
    const timer = setTimeout(() => {
      timedOut = true;
      killTree(child);
    }, timeoutMs);
    child.on('error', (error) => {
      stderr += String(error);
    });
    child.on('close', (code, signal) => {
      const wallMs = performance.now() - started;
      clearInterval(poll);
      clearTimeout(timer);
      currentChild = null;
      let timeKb = 0;
      let userS = null;
      let sysS = null;
      if (HAS_GNU_TIME && existsSync(timeFile)) {
        // GNU time prints "Command exited with non-zero status N" first when the child fails.
        const last = readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '';
        const [, maxKb, user, sys] = last.split(' ').map(Number);
        if (Number.isFinite(maxKb)) timeKb = maxKb;
        if (Number.isFinite(user)) userS = user;
        if (Number.isFinite(sys)) sysS = sys;
      }
      rmSync(scratch, { recursive: true, force: true });
      const peakKb = Math.max(timeKb, polledPeakKb);
      resolve({
        code, signal, timedOut, wallMs,
        peakRssMb: peakKb > 0 ? peakKb / 1024 : null,
        userS, sysS,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr,
        error: null,
      });
    });
  });
}

let currentChild = null;

function killTree(child) {
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}

/** Kills the command that is running now (its own process group only), e.g. on Ctrl-C. */
export function killCurrent() {
  if (currentChild) killTree(currentChild);
}

/** One line saying why a measured command did not succeed, or null when it did. */
export function failureOf(result, okCodes = [0]) {
  if (result.error) return result.error;
  if (result.timedOut) return `timed out after ${(result.wallMs / 1000).toFixed(0)} s`;
  if (result.signal) return `killed by ${result.signal}`;
  if (!okCodes.includes(result.code)) {
    const lines = result.stderr.trim().split('\n').map((l) => l.trim()).filter((l) => l && !/^Command exited with/.test(l));
    // A crash prints a stack: the line naming the error says more than the last one.
    const errorLine = lines.find((l) => /^(\w*Error\b|error:)/i.test(l));
    const shown = errorLine ?? lines.slice(-2).join(' / ');
    return `exit ${result.code}${shown ? `: ${shown.slice(0, 240)}` : ''}`;
  }
  return null;
}
