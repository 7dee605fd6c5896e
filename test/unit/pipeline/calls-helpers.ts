// Hand-written ParsedUnits and a small SymbolResolver over them, so the calls processor can be tested
// without a grammar. The resolver follows the contract of SymbolResolver in src/model/resolution.ts.
import { definitionId, fileId } from '../../../src/graph/ids.js';
import type { DefinitionLabel } from '../../../src/graph/model.js';
import type { CallSite, Definition, ExportDecl, ImportDecl, ModuleBinding, ParsedUnit } from '../../../src/model/parsed-unit.js';
import type { ModuleResolution, SymbolResolution, SymbolResolver } from '../../../src/model/resolution.js';
import { buildCalls } from '../../../src/pipeline/calls.js';

export function def(
  label: DefinitionLabel,
  file: string,
  qualifiedName: string,
  startLine: number,
  extra: Partial<Omit<Definition, 'id' | 'label' | 'qualifiedName' | 'startLine'>> = {},
): Definition {
  const dot = qualifiedName.lastIndexOf('.');
  const name = label === 'Method' && dot >= 0 ? qualifiedName.slice(dot + 1) : qualifiedName;
  return {
    id: definitionId(label, file, qualifiedName),
    label,
    name,
    qualifiedName,
    startLine,
    endLine: startLine + 1,
    exported: false,
    ...(label === 'Method' && dot >= 0 ? { owner: qualifiedName.slice(0, dot) } : {}),
    ...extra,
  };
}

export function call(callerId: string, line: number, name: string, extra: Partial<CallSite> = {}): CallSite {
  return { callerId, line, name, isNew: false, binding: { kind: 'free' }, ...extra };
}

export interface UnitSpec {
  definitions?: Definition[];
  imports?: ImportDecl[];
  exports?: ExportDecl[];
  calls?: CallSite[];
  moduleBindings?: ModuleBinding[];
}

export function unit(relPath: string, spec: UnitSpec): ParsedUnit {
  const language = relPath.endsWith('.ts') ? 'typescript' : 'javascript';
  return {
    file: { relPath, absPath: `/repo/${relPath}`, language, size: 1 },
    status: { kind: 'parsed' },
    lines: 10,
    hash: '0',
    definitions: spec.definitions ?? [],
    imports: spec.imports ?? [],
    exports: spec.exports ?? [],
    calls: spec.calls ?? [],
    moduleBindings: spec.moduleBindings ?? [],
    diagnostics: [],
  };
}

function join(from: string, specifier: string): string {
  const parts = from.split('/').slice(0, -1);
  for (const seg of specifier.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

export function makeResolver(units: readonly ParsedUnit[]): SymbolResolver {
  const byPath = new Map(units.map((u) => [u.file.relPath, u]));
  const topLevel = (u: ParsedUnit, name: string): Definition | undefined =>
    u.definitions.find((d) => d.name === name && !d.ownerId && !d.enclosingId && d.label !== 'Method');

  const resolver: SymbolResolver = {
    resolveModule(fromFile, specifier): ModuleResolution {
      if (!specifier.startsWith('.')) return { kind: 'external', packageName: specifier };
      const base = join(fromFile, specifier);
      for (const candidate of [base, `${base}.ts`, `${base}.js`, `${base}/index.ts`, `${base}/index.js`]) {
        if (byPath.has(candidate)) return { kind: 'file', path: candidate };
      }
      return { kind: 'unresolved', reason: 'not found' };
    },
    resolveExport(path, exportName): SymbolResolution {
      const u = byPath.get(path);
      if (!u) return { kind: 'unresolved', reason: 'no file' };
      const exp = u.exports.find((e) => e.name === exportName);
      if (exp) {
        const target = exp.definitionId ?? (exp.local ? topLevel(u, exp.local)?.id : undefined);
        if (target) return { kind: 'definition', id: target, viaImport: true };
        if (exp.local) return resolveBinding(path, exp.local);
      }
      for (const decl of u.imports.filter((d) => d.kind === 're-export')) {
        for (const b of decl.bindings) {
          if (b.local === exportName && b.imported !== '*') return follow(path, decl.specifier, b.imported);
          if (b.local === '*' && b.imported === '*') {
            const r = follow(path, decl.specifier, exportName);
            if (r.kind !== 'unresolved') return r;
          }
        }
      }
      return { kind: 'unresolved', reason: 'no export' };
    },
    resolveName(fromFile, path): SymbolResolution {
      const [first, ...rest] = path;
      if (first === undefined) return { kind: 'unresolved', reason: 'empty' };
      let res = resolveBinding(fromFile, first);
      for (const seg of rest) {
        if (res.kind !== 'module') return res.kind === 'external' ? res : { kind: 'unresolved', reason: 'member' };
        res = resolver.resolveExport(res.path, seg);
      }
      return res;
    },
  };

  function follow(fromFile: string, specifier: string, name: string): SymbolResolution {
    const m = resolver.resolveModule(fromFile, specifier);
    if (m.kind === 'external') return { kind: 'external', packageName: m.packageName };
    if (m.kind !== 'file') return { kind: 'unresolved', reason: 'module' };
    if (name === '*') return { kind: 'module', path: m.path };
    return resolver.resolveExport(m.path, name);
  }

  function resolveBinding(fromFile: string, name: string): SymbolResolution {
    const u = byPath.get(fromFile);
    if (!u) return { kind: 'unresolved', reason: 'no file' };
    for (const decl of u.imports) {
      if (decl.kind === 're-export') continue;
      const b = decl.bindings.find((x) => x.local === name);
      if (b) return follow(fromFile, decl.specifier, b.imported);
    }
    const own = topLevel(u, name);
    if (own) return { kind: 'definition', id: own.id, viaImport: false };
    return { kind: 'unresolved', reason: 'not bound' };
  }
  return resolver;
}

/** Runs the processor and lists its edges as `source -> target [stage]`, sorted. */
export function edgesOf(units: readonly ParsedUnit[]): { edges: string[]; counts: Readonly<Record<string, number>> } {
  const out = buildCalls(units, makeResolver(units));
  const edges = out.fragment.relationships.map((r) => `${r.source} -> ${r.target} [${String(r.properties['stage'])}]`);
  return { edges, counts: out.counts ?? {} };
}

export { fileId };
