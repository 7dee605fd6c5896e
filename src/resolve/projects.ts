import type { Diagnostic } from '../model/diagnostic.js';
import type { ProjectConfig } from './config-types.js';
import { ancestors, dirOf, joinPath, matchesGlob } from './paths.js';
import { loadTsProject, type TsProject } from './tsconfig.js';

const CONFIG_NAMES = ['tsconfig.json', 'jsconfig.json'];

/**
 * Finds the tsconfig that governs a file, as the TypeScript language service does: the nearest
 * tsconfig.json (or jsconfig.json) up the tree, or the project it references, whose
 * `files`/`include`/`exclude` take the file in. A file no project includes falls back to the
 * nearest config that is not a bare solution file (one with `files: []` and only references).
 */
export class ProjectIndex {
  private readonly projects = new Map<string, TsProject | undefined>();
  private readonly byDir = new Map<string, TsProject | undefined>();
  readonly diagnostics: Diagnostic[] = [];

  constructor(private readonly config: ProjectConfig) {}

  project(path: string): TsProject | undefined {
    if (!this.projects.has(path)) {
      this.projects.set(path, undefined);
      this.projects.set(path, loadTsProject(this.config, path, this.diagnostics));
    }
    return this.projects.get(path);
  }

  /** The governing project of a repo file, or undefined when no config applies. */
  governing(file: string): TsProject | undefined {
    let fallback: TsProject | undefined;
    for (const dir of ancestors(dirOf(file))) {
      for (const name of CONFIG_NAMES) {
        const root = this.project(joinPath(dir, name));
        if (!root) continue;
        const including = this.findIncluding(root, file, new Set());
        if (including) return including;
        if (!fallback && !isSolutionOnly(root)) fallback = root;
        if (!fallback) fallback = root.references.map((ref) => this.project(ref)).find((p) => p !== undefined);
        break;
      }
    }
    return fallback;
  }

  /** The governing project of a folder's files in general (used for a package's outDir/rootDir). */
  forDir(dir: string): TsProject | undefined {
    if (!this.byDir.has(dir)) this.byDir.set(dir, this.governing(joinPath(dir, '__dir__.ts')));
    return this.byDir.get(dir);
  }

  private findIncluding(project: TsProject, file: string, seen: Set<string>): TsProject | undefined {
    if (seen.has(project.path)) return undefined;
    seen.add(project.path);
    if (includes(project, file)) return project;
    for (const ref of project.references) {
      const referenced = this.project(ref);
      const found = referenced && this.findIncluding(referenced, file, seen);
      if (found) return found;
    }
    return undefined;
  }
}

function isSolutionOnly(project: TsProject): boolean {
  return project.files !== undefined && project.files.length === 0 && (project.include?.length ?? 0) === 0;
}

export function includes(project: TsProject, file: string): boolean {
  if (project.files?.includes(file)) return true;
  const include = project.include ?? (project.files === undefined ? [joinPath(project.dir, '**/*')] : []);
  if (!include.some((pattern) => matchesGlob(file, pattern))) return false;
  return !project.exclude.some((pattern) => matchesGlob(file, pattern));
}
