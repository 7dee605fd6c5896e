import { definitionId } from '../../../src/graph/ids.js';
import type { DefinitionLabel } from '../../../src/graph/model.js';
import { languageOf } from '../../../src/languages/language-id.js';
import type { Definition, ExportDecl, HeritageClause, ImportDecl, ImportKind, ParsedUnit } from '../../../src/model/parsed-unit.js';

/** Hand-written ParsedUnits for the processors' unit tests (what parse.ts would produce). */
export function unit(
  relPath: string,
  parts: { definitions?: Definition[]; imports?: ImportDecl[]; exports?: ExportDecl[] } = {},
): ParsedUnit {
  return {
    file: { relPath, absPath: `/repo/${relPath}`, language: languageOf(relPath) ?? 'typescript', size: 1 },
    status: { kind: 'parsed' },
    lines: 10,
    hash: '0',
    definitions: parts.definitions ?? [],
    imports: parts.imports ?? [],
    exports: parts.exports ?? [],
    calls: [],
    moduleBindings: [],
    diagnostics: [],
  };
}

export function def(
  file: string,
  label: DefinitionLabel,
  name: string,
  line: number,
  extra: { exported?: boolean; owner?: Definition; heritage?: HeritageClause[] } = {},
): Definition {
  const qualifiedName = extra.owner ? `${extra.owner.qualifiedName}.${name}` : name;
  return {
    id: definitionId(label, file, qualifiedName),
    label,
    name,
    qualifiedName,
    startLine: line,
    endLine: line,
    exported: extra.exported ?? false,
    ...(extra.owner ? { owner: extra.owner.name, ownerId: extra.owner.id } : {}),
    ...(extra.heritage ? { heritage: extra.heritage } : {}),
  };
}

/** `bindings` as [local, imported] pairs. */
export function imp(specifier: string, kind: ImportKind, line: number, bindings: [string, string][] = []): ImportDecl {
  return { specifier, kind, line, bindings: bindings.map(([local, imported]) => ({ local, imported })) };
}

export function exp(name: string, line: number, target: { local?: string; definition?: Definition } = {}): ExportDecl {
  return {
    name,
    line,
    ...(target.local !== undefined ? { local: target.local } : {}),
    ...(target.definition ? { definitionId: target.definition.id, local: target.definition.name } : {}),
  };
}

export function extendsRef(path: string[], line: number): HeritageClause {
  return { relation: 'extends', ref: { path }, text: path.join('.'), line };
}

export function implementsRef(path: string[], line: number): HeritageClause {
  return { relation: 'implements', ref: { path }, text: path.join('.'), line };
}
