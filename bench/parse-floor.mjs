// Parse floors: files/s and peak RSS of reading and parsing alone, each in its own child process
// so that its peak RSS is its own.
//   node bench/parse-floor.mjs <dir> [workers...]       parseFiles (read, parse, extract) per worker count
//   node bench/parse-floor.mjs <dir> raw                 issue 12's floor: one thread reads every file
//                                                        and parses it with the same grammars, nothing else
// (npm run build first: it runs dist/.)
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fg from 'fast-glob';

const here = fileURLToPath(import.meta.url);
const [mode, dir, ...rest] = process.argv.slice(2);

if (mode === '--child' && rest[0] === 'raw') {
  // No extraction, no masking reparse, no units kept: each tree is deleted once parsed.
  const { readFileSync } = await import('node:fs');
  const { loadGrammar } = await import('../dist/pipeline/extract/grammars.js');
  const { languageOf } = await import('../dist/languages/language-id.js');
  const root = resolve(dir);
  const maxFileSize = 1024 * 1024;
  const paths = (await fg('**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}', { cwd: root, ignore: ['**/node_modules/**'] })).sort();
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let files = 0;
  let bytes = 0;
  let skipped = 0;
  let nodes = 0;
  for (const p of paths) {
    const abs = join(root, p);
    if (statSync(abs).size > maxFileSize) {
      skipped++;
      continue;
    }
    let text;
    try {
      text = decoder.decode(readFileSync(abs));
    } catch {
      skipped++;
      continue;
    }
    const grammar = await loadGrammar(languageOf(p));
    const tree = grammar.parser.parse(text);
    nodes += tree.rootNode.descendantCount;
    tree.delete();
    files++;
    bytes += text.length;
  }
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ workers: 1, raw: true, files, bytes, ms: Math.round(ms), filesPerSec: Math.round(files / (ms / 1000)), cpuMs: Math.round(cpuMs), peakRssMiB: Math.round(peakRssMiB), nodes, skipped }));
} else if (mode === '--child') {
  const workers = Number(rest[0]);
  // The V8 settings an index run has (dist/cli/v8-tuning.js): this is what its parse workers do.
  const { tuneV8ForIndexing } = await import('../dist/cli/v8-tuning.js');
  tuneV8ForIndexing();
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
  const workerCounts = [dir, ...rest].filter(Boolean).map((w) => (w === 'raw' ? w : Number(w)));
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
