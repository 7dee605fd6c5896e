import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** Fetches `name@version` with `npm pack` into `cacheDir` and unpacks it once; returns the folder. */
export function fetchPackage(cacheDir, { name, version }) {
  const slug = `${name.replace(/^@/, '').replace(/\//g, '-')}-${version}`;
  const dir = path.join(cacheDir, slug);
  if (existsSync(path.join(dir, 'package', 'package.json'))) return dir;
  mkdirSync(dir, { recursive: true });
  execFileSync('npm', ['pack', `${name}@${version}`, '--silent', '--pack-destination', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = readdirSync(dir).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack ${name}@${version} produced no tarball`);
  execFileSync('tar', ['xzf', tarball], { cwd: dir });
  return dir;
}
