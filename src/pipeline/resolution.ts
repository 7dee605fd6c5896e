import { createHash } from 'node:crypto';
import { loadProjectConfig } from '../discover/project-config.js';
import { relativeInside } from '../discover/walk.js';
import { createModuleResolver } from '../resolve/module-resolver.js';
import type { ProjectConfig } from '../resolve/config-types.js';
import { createSymbolResolver, type ImportMap } from './symbols.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { ParsedUnit } from '../model/parsed-unit.js';

export interface ProjectResolution {
  /** Module resolution and the import map, shared by heritage, IMPORTS and CALLS. */
  readonly resolver: ImportMap;
  readonly diagnostics: readonly Diagnostic[];
}

export interface LoadedConfig {
  readonly config: ProjectConfig;
  /** sha256 of every config file read, so a changed tsconfig or package.json changes the input. */
  readonly configHash: string;
}

/** Reads the project's config files, as data. */
export async function loadConfig(root: string, sources: readonly string[], outDir?: string): Promise<LoadedConfig> {
  const outRel = outDir ? relativeInside(root, outDir) : undefined;
  // Only configs in folders that hold indexed sources (and what they extend or reference) count,
  // so git-ignored corners of the tree cannot add noise.
  const config = await loadProjectConfig(root, sources, { ignore: outRel ? [`${outRel}/**`] : [] });
  // loadProjectConfig returns both maps sorted by path, so the same files give the same hash.
  const configHash = createHash('sha256')
    .update(JSON.stringify([[...config.json], [...config.yaml]]))
    .digest('hex');
  return { config, configHash };
}

/** The one resolver every phase uses: module resolution and the import map. */
export function resolveProject(root: string, units: readonly ParsedUnit[], config: ProjectConfig): ProjectResolution {
  const modules = createModuleResolver(
    units.map((u) => u.file.relPath),
    config,
    { rootPath: root.split('\\').join('/') },
  );
  const resolver = createSymbolResolver(units, modules);
  return { resolver, diagnostics: [...config.diagnostics, ...modules.diagnostics()] };
}
