import type { Diagnostic } from '../model/diagnostic.js';

/**
 * The project's configuration files as plain data, read by discover/project-config.ts and
 * interpreted by the pure resolver. Paths are POSIX, relative to the repo root; `extends` targets
 * found in node_modules are keyed by their path too (`node_modules/@tsconfig/node20/tsconfig.json`).
 */
export interface ProjectConfig {
  /** tsconfig*.json, jsconfig.json, package.json and `extends` targets: path -> parsed JSON value. */
  readonly json: ReadonlyMap<string, unknown>;
  /** pnpm-workspace.yaml files: path -> text (the small YAML subset is parsed by resolve/). */
  readonly yaml: ReadonlyMap<string, string>;
  readonly diagnostics: readonly Diagnostic[];
}

export const EMPTY_PROJECT_CONFIG: ProjectConfig = {
  json: new Map(),
  yaml: new Map(),
  diagnostics: [],
};

export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function stringField(value: unknown, key: string): string | undefined {
  if (!isRecord(value)) return undefined;
  const field = value[key];
  return typeof field === 'string' ? field : undefined;
}

export function stringList(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.filter((item): item is string => typeof item === 'string');
}
