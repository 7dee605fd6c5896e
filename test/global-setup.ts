import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Many tests run compiled code: the CLI (bin/ -> dist/), the Kuzu and validation child processes
// and the parse workers. They must run what the tests run, so dist/ is checked once before any
// test: current (as `npm ci` leaves it) means no build; otherwise one build, and a failed or
// still-stale build stops the run here rather than letting tests pass or fail on old code.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

/** A source file whose build is missing or older than it, or undefined when dist/ is current. */
function staleSource(): string | undefined {
  const src = path.join(ROOT, 'src');
  for (const file of sources(src)) {
    const built = path.join(ROOT, 'dist', path.relative(src, file)).replace(/\.ts$/, '.js');
    if (!existsSync(built) || statSync(built).mtimeMs < statSync(file).mtimeMs) return path.relative(ROOT, file);
  }
  return undefined;
}

export function setup(): void {
  const stale = staleSource();
  if (stale === undefined) return;
  process.stderr.write(`building dist/ once before the tests (${stale} is newer than its build)\n`);
  try {
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(ROOT, 'tsconfig.build.json')], { stdio: 'pipe', encoding: 'utf8' });
  } catch (error) {
    const output = (error as { stdout?: string }).stdout ?? String(error);
    throw new Error(`the build failed, so the tests would run stale code in dist/:\n${output}`);
  }
  const still = staleSource();
  if (still !== undefined) throw new Error(`dist/ is still older than ${still} after building: the tests would run stale code`);
}
