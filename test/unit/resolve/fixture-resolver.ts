import { cpSync, existsSync, mkdtempSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fg from 'fast-glob';
import { loadProjectConfig } from '../../../src/discover/project-config.js';
import type { ProjectConfig } from '../../../src/resolve/config-types.js';
import { createModuleResolver, type ModuleResolver } from '../../../src/resolve/module-resolver.js';

export const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures');

export interface FixtureResolver {
  readonly root: string;
  readonly files: string[];
  readonly config: ProjectConfig;
  readonly resolver: ModuleResolver;
}

/** A fixture repo's source files and config files, read from disk, and the resolver over them. */
export async function fixtureResolver(name: string): Promise<FixtureResolver> {
  const root = materialize(path.join(FIXTURES, name));
  const files = (await fg('**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}', { cwd: root, ignore: ['**/node_modules/**'] })).sort();
  const config = await loadProjectConfig(root);
  return { root, files, config, resolver: createModuleResolver(files, config, { rootPath: root }) };
}

/**
 * A fixture that needs installed packages keeps them in `_node_modules` (the repository never holds
 * a node_modules folder); it is used from a temp copy where that folder is named `node_modules`.
 */
function materialize(fixture: string): string {
  if (!existsSync(path.join(fixture, '_node_modules'))) return fixture;
  const copy = path.join(mkdtempSync(path.join(tmpdir(), 'codegraph-fixture-')), path.basename(fixture));
  cpSync(fixture, copy, { recursive: true });
  renameSync(path.join(copy, '_node_modules'), path.join(copy, 'node_modules'));
  return copy;
}
