import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProjectConfig } from '../../../src/discover/project-config.js';
import { createModuleResolver } from '../../../src/resolve/module-resolver.js';
import { FIXTURES } from './fixture-resolver.js';

const root = path.join(FIXTURES, 'imports-config-scope');
const sources = ['src/a.ts', 'src/b.ts'];

describe('loadProjectConfig (imports-config-scope)', () => {
  it('reads every config file when no source list is given', async () => {
    const config = await loadProjectConfig(root);
    expect([...config.json.keys()]).toEqual(['configs/tsconfig.app.json', 'tsconfig.json', 'vendor/pkg/package.json', 'vendor/pkg/tsconfig.json']);
    expect(config.diagnostics).toEqual([]);
  });

  it('with the walked sources, reads only configs above them and the configs they reference', async () => {
    const config = await loadProjectConfig(root, sources);
    expect([...config.json.keys()]).toEqual(['configs/tsconfig.app.json', 'tsconfig.json']);
    const resolver = createModuleResolver(sources, config, { rootPath: root });
    expect(resolver.diagnostics()).toEqual([]);
    expect(resolver.resolve('src/a.ts', '@/b')).toEqual({ kind: 'file', path: 'src/b.ts' });
  });
});
