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
  const root = path.join(FIXTURES, name);
  const files = (await fg('**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}', { cwd: root, ignore: ['**/node_modules/**'] })).sort();
  const config = await loadProjectConfig(root);
  return { root, files, config, resolver: createModuleResolver(files, config, { rootPath: root }) };
}
