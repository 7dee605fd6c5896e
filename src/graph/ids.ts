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
 * A definition is named by where it stands in the code's structure, never by its line, so an edit
 * above it leaves its id alone: `scopePath` is the chain of enclosing named scopes and the name
 * (`Cart.total`, `outer.inner`). `ordinal` (2, 3, ...) tells apart definitions of one file that
 * share label and scope path (redeclarations), in source order; the first has none.
 */
export function definitionId(label: DefinitionLabel, relPath: string, scopePath: string, ordinal = 1): string {
  return ordinal > 1 ? `${label}:${relPath}:${scopePath}~${ordinal}` : `${label}:${relPath}:${scopePath}`;
}

/**
 * One relationship of a type per ordered pair of ends, so the pair names it. Joined into one flat
 * string: a template literal gives V8 a tree of three concatenations, which the stores' sorting and
 * hashing flatten into a second copy while the tree's nodes stay referenced (synthetic 10,000-file
 * tree, end of the calls phase: 225 bytes an id instead of ~130).
 */
export function relationshipId(type: RelationshipType, source: string, target: string): string {
  return [type, ':', source, '->', target].join('');
}

/** Code-unit order, the same on every machine and locale: the order of every sorted list in the output. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
