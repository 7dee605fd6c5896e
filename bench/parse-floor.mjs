// Parse-phase floor: files/s and peak RSS of parseFiles alone, with 1 and with 2 workers.
// Usage: npm run build && node bench/parse-floor.mjs <dir> [workers...]
// Each configuration runs in its own child process so that its peak RSS is its own.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fg from 'fast-glob';

const here = fileURLToPath(import.meta.url);
const [mode, dir, ...rest] = process.argv.slice(2);

if (mode === '--child') {
  const workers = Number(rest[0]);
  const { parseFiles } = await import('../dist/pipeline/parse.js');
  const { languageOf } = await import('../dist/languages/language-id.js');
  const root = resolve(dir);
  const paths = (await fg('**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}', { cwd: root, ignore: ['**/node_modules/**'] })).sort();
  const files = paths.map((p) => ({ relPath: p, absPath: join(root, p), language: languageOf(p), size: statSync(join(root, p)).size }));
  const bytes = files.reduce((n, f) => n + f.size, 0);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const units = await parseFiles(files, { workers, maxFileSize: 1024 * 1024 });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  // CPU time of all threads (workers included): comparable when other work shares the machine.
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const definitions = units.reduce((n, u) => n + u.definitions.length, 0);
  const calls = units.reduce((n, u) => n + u.calls.length, 0);
  const skipped = units.filter((u) => u.status.kind === 'skipped').length;
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ workers, files: files.length, bytes, ms: Math.round(ms), filesPerSec: Math.round(files.length / (ms / 1000)), cpuMs: Math.round(cpuMs), filesPerCpuSec: Math.round(files.length / (cpuMs / 1000)), peakRssMiB: Math.round(peakRssMiB), definitions, calls, skipped }));
} else {
  const target = mode;
  const workerCounts = [dir, ...rest].filter(Boolean).map(Number);
  if (!target) {
    console.error('usage: node bench/parse-floor.mjs <dir> [workers...]');
    process.exit(2);
  }
  for (const workers of workerCounts.length > 0 ? workerCounts : [1, 2]) {
    const out = execFileSync(process.execPath, [here, '--child', target, String(workers)], { encoding: 'utf8' });
    console.log(out.trim());
  }
  console.error(`(${relative(process.cwd(), resolve(target)) || '.'}; load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' ')})`);
}
