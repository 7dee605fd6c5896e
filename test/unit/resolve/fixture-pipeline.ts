import path from 'node:path';
import { loadProjectConfig } from '../../../src/discover/project-config.js';
import { walk } from '../../../src/discover/walk.js';
import { DEFAULTS } from '../../../src/config/options.js';
import { parseFiles } from '../../../src/pipeline/parse.js';
import { createSymbolResolver, type ImportMap } from '../../../src/pipeline/symbols.js';
import type { ParsedUnit } from '../../../src/model/parsed-unit.js';
import { createModuleResolver } from '../../../src/resolve/module-resolver.js';
import { FIXTURES } from './fixture-resolver.js';

/** A fixture repo walked and parsed by the real parser, with the import map over it. */
export async function fixturePipeline(name: string): Promise<{ units: ParsedUnit[]; symbols: ImportMap }> {
  const root = path.join(FIXTURES, name);
  const { files } = await walk({ root, include: [], exclude: [] });
  const units = await parseFiles(files, { workers: 1, maxFileSize: DEFAULTS.maxFileSize });
  const config = await loadProjectConfig(root);
  const modules = createModuleResolver(
    units.map((u) => u.file.relPath),
    config,
    { rootPath: root },
  );
  return { units, symbols: createSymbolResolver(units, modules) };
}
