import { loadProjectConfig } from '../discover/project-config.js';
import { relativeInside } from '../discover/walk.js';
import { createModuleResolver } from '../resolve/module-resolver.js';
import { createSymbolResolver, type ImportMap } from './symbols.js';
import type { Diagnostic, ParsedUnit } from './types.js';

export interface ProjectResolution {
  /** Module resolution and the import map, shared by heritage, IMPORTS and CALLS. */
  readonly resolver: ImportMap;
  readonly diagnostics: readonly Diagnostic[];
}

/** Reads the project's config files (as data) and builds the one resolver every phase uses. */
export async function resolveProject(root: string, units: readonly ParsedUnit[], outDir?: string): Promise<ProjectResolution> {
  const outRel = outDir ? relativeInside(root, outDir) : undefined;
  const sources = units.map((u) => u.file.relPath);
  // Only configs in folders that hold indexed sources (and what they extend or reference) count,
  // so git-ignored corners of the tree cannot add noise.
  const config = await loadProjectConfig(root, sources, { ignore: outRel ? [`${outRel}/**`] : [] });
  const modules = createModuleResolver(
    sources,
    config,
    { rootPath: root.split('\\').join('/') },
  );
  const resolver = createSymbolResolver(units, modules);
  return { resolver, diagnostics: [...config.diagnostics, ...modules.diagnostics()] };
}
