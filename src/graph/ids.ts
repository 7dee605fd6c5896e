import type { DefinitionLabel, RelationshipType } from './model.js';

// Ids are built from POSIX paths relative to the repo root, so the same input gives the same ids
// on every machine. A file path may itself contain ':', which is harmless: ids are never parsed.

export function projectId(root: string): string {
  return `Project:${root}`;
}

export function folderId(relPath: string): string {
  return `Folder:${relPath}`;
}

export function fileId(relPath: string): string {
  return `File:${relPath}`;
}

/**
 * `qualifiedName` is the name with its owner (`Shape.area` for a method), so two methods of the same
 * name in one file differ; the line separates redeclarations of one name.
 */
export function definitionId(
  label: DefinitionLabel,
  relPath: string,
  qualifiedName: string,
  startLine: number,
): string {
  return `${label}:${relPath}:${qualifiedName}:${startLine}`;
}

/** One relationship of a type per ordered pair of ends, so the pair names it. */
export function relationshipId(type: RelationshipType, source: string, target: string): string {
  return `${type}:${source}->${target}`;
}

/** Code-unit order, the same on every machine and locale: the order of every sorted list in the output. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
