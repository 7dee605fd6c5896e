import type { ImportKind, ParsedUnit } from '../model/parsed-unit.js';
import type { ImportedBinding, ModuleResolution, NameSpace, SymbolResolution, SymbolResolver } from '../model/resolution.js';
import { indexUnit, type Bound, type FileIndex } from './file-index.js';
import { locateDefinitions } from './calls/repo-index.js';
import { enclosingNamespaces, publicOf, type Found } from './namespaces.js';

/** What the import map needs from module resolution. */
export interface ModuleLookup {
  resolve(fromFile: string, specifier: string, kind?: ImportKind): ModuleResolution;
}

/** The import map: SymbolResolver plus the list of a file's import bindings. */
export interface ImportMap extends SymbolResolver {
  importedBinding(fromFile: string, localName: string): ImportedBinding | undefined;
  importedBindings(fromFile: string): ImportedBinding[];
}

/** One segment of a name path's answers: the answer for the path so far, and the longer paths. */
interface NameNode {
  answer?: SymbolResolution;
  next?: Map<string, NameNode>;
}

const unresolved = (reason: string): SymbolResolution => ({ kind: 'unresolved', reason });

/** How many files keep their name paths' answers (resolveNameOnce): the last ones asked of. */
const NAMED_FILES = 64;

/**
 * Builds the import map over all parsed files: per file, local name -> (target file, exported
 * name | default | * namespace), followed through re-export chains (`export { a as b } from`,
 * `export * from`, barrels of barrels) to the defining file. CommonJS: `require` bindings are
 * ImportDecls, `module.exports =` is the export `export=` (what a default import of the module
 * gets), `exports.a =` an export `a`. Cycles end as unresolved 'cycle', never as a loop.
 */
export function createSymbolResolver(units: readonly ParsedUnit[], modules: ModuleLookup): ImportMap {
  const files = new Map<string, FileIndex>();
  for (const unit of units) files.set(unit.file.relPath, indexUnit(unit));
  // Every definition with its file, by id: one table the calls phase's index shares (buildRepoIndex).
  const definitions = locateDefinitions(units);
  // Answers by space, file and export name: no key string is built for a lookup.
  const memo: Record<NameSpace, Map<string, Map<string, Found>>> = { value: new Map(), type: new Map() };

  const resolveModule = (fromFile: string, specifier: string, kind?: ImportKind): ModuleResolution =>
    modules.resolve(fromFile, specifier, kind);

  function bindingTarget(fromFile: string, bound: Bound, seen: Set<string>, space: NameSpace = 'value'): Found {
    const mod = resolveModule(fromFile, bound.decl.specifier, bound.decl.kind);
    switch (mod.kind) {
      case 'file': {
        if (bound.binding.imported !== '*') return exportOf(mod.path, bound.binding.imported, seen, space);
        // `const X = require('./m')` is whatever `module.exports =` holds, when that is a definition.
        if (bound.decl.kind === 'require' && files.get(mod.path)?.exports.has('export=')) {
          const whole = exportOf(mod.path, 'export=', seen);
          if (whole.kind === 'definition') return whole;
        }
        return { kind: 'module', path: mod.path };
      }
      case 'external':
        return { kind: 'external', packageName: mod.packageName };
      case 'builtin':
        return { kind: 'external', packageName: `node:${mod.name}` };
      case 'unresolved':
        return unresolved(`import '${bound.decl.specifier}': ${mod.reason}`);
    }
  }

  function localName(path: string, idx: FileIndex, name: string, seen: Set<string>, space: NameSpace = 'value'): Found {
    const def = (space === 'type' ? idx.topLevelTypes : idx.topLevel).get(name);
    if (def) return { kind: 'definition', id: def.id, viaImport: false };
    if (idx.namespaces.names.has(name)) return { kind: 'namespace', path, name, viaImport: false };
    const bound = idx.imports.get(name);
    if (bound) return bindingTarget(path, bound, seen, space);
    return unresolved(`'${name}' is not defined or imported in ${path}`);
  }

  // A lookup cut short by the cycle guard depends on where it started; every other answer does
  // not, so it is memoised (which keeps diamond-shaped barrel graphs linear).
  let cuts = 0;
  function exportOf(path: string, name: string, seen: Set<string>, space: NameSpace = 'value'): Found {
    let byName = memo[space].get(path);
    const known = byName?.get(name);
    if (known) return known;
    const key = `${path}\0${name}\0${space}`;
    if (seen.has(key)) {
      cuts++;
      return unresolved('cycle');
    }
    const cutsBefore = cuts;
    seen.add(key);
    const result = asImported(findExport(path, name, seen, space));
    seen.delete(key);
    if (cuts === cutsBefore || seen.size === 0) {
      if (!byName) memo[space].set(path, (byName = new Map()));
      byName.set(name, result);
    }
    return result;
  }

  function findExport(path: string, name: string, seen: Set<string>, space: NameSpace): Found {
    const idx = files.get(path);
    if (!idx) return unresolved(`${path} was not parsed`);
    let cycle = false;
    let externalStar: Found | undefined;
    const attempt = (r: Found): Found | undefined => {
      if (r.kind !== 'unresolved') return r;
      if (r.reason === 'cycle') cycle = true;
      return undefined;
    };
    const decl = idx.exports.get(name);
    if (decl) {
      const direct = decl.definitionId !== undefined && definitions.has(decl.definitionId);
      // `export interface X` and `export const X` under one name: the space decides which.
      const merged = decl.local !== undefined ? (space === 'type' ? idx.topLevelTypes : idx.topLevel).get(decl.local) : undefined;
      const directDef = direct ? definitions.get(decl.definitionId!)!.def : undefined;
      if (directDef && merged && merged.name === directDef.name && !directDef.unbound && directDef.enclosingId === undefined && directDef.owner === undefined) {
        return { kind: 'definition', id: merged.id, viaImport: true };
      }
      if (direct) return { kind: 'definition', id: decl.definitionId!, viaImport: true };
      if (decl.local !== undefined) {
        const found = attempt(localName(path, idx, decl.local, seen, space));
        if (found) return found;
      }
    }
    const re = idx.reexports.get(name);
    if (re) {
      const found = attempt(bindingTarget(path, re, seen, space));
      if (found) return found;
    }
    if (name === 'default' && idx.exports.has('export=')) {
      const found = attempt(exportOf(path, 'export=', seen));
      if (found) return found;
    }
    const exportedDef = (space === 'type' ? idx.exportedTypes : idx.exportedDefinitions).get(name);
    if (exportedDef) return { kind: 'definition', id: exportedDef.id, viaImport: true };
    if (name !== 'default' && name !== 'export=') {
      for (const star of idx.starExports) {
        const found = attempt(bindingTarget(path, { decl: star, binding: { local: name, imported: name } }, seen, space));
        if (found?.kind === 'external') externalStar ??= found;
        else if (found) return found;
      }
      // `module.exports = Thing`: a named import of the module is a member of Thing.
      if (idx.exports.has('export=')) {
        const whole = attempt(exportOf(path, 'export=', seen));
        if (whole?.kind === 'definition') {
          const member = memberOf(whole.id, name);
          if (member) return member;
        }
      }
    }
    if (externalStar) return externalStar;
    if (cycle) return unresolved('cycle');
    // `export default { … }`, `module.exports = {…}`: exported, but not a declaration.
    if (decl && decl.local === undefined) return unresolved(`'${name}' of ${path} is an expression, not a declaration`);
    return unresolved(`'${name}' is not exported by ${path}`);
  }

  function memberOf(id: string, member: string): Found | undefined {
    const located = definitions.get(id);
    const def = located?.def;
    const file = located?.file;
    const idx = file === undefined ? undefined : files.get(file);
    const found = def && idx?.byQualifiedName.get(`${def.qualifiedName}.${member}`);
    if (found) return { kind: 'definition', id: found.id, viaImport: true };
    // `interface W {}` merged with `namespace W { namespace Inner {} }`: `W.Inner` is the block.
    const nested = def && `${def.qualifiedName}.${member}`;
    return file !== undefined && nested !== undefined && idx?.namespaces.names.has(nested) ? { kind: 'namespace', path: file, name: nested, viaImport: true } : undefined;
  }

  /** The member `name` of the namespace block `block` of `path` (`A.B` + `X`), if it declares one. */
  function inBlock(path: string, idx: FileIndex, block: string, name: string, space: NameSpace, viaImport: boolean): Found | undefined {
    const qualified = `${block}.${name}`;
    const def = (space === 'type' ? idx.namespaces.memberTypes : idx.namespaces.members).get(qualified);
    if (def) return { kind: 'definition', id: def.id, viaImport };
    return idx.namespaces.names.has(qualified) ? { kind: 'namespace', path, name: qualified, viaImport } : undefined;
  }

  function follow(start: Found, rest: readonly string[], space: NameSpace): Found {
    let current = start;
    for (const [k, segment] of rest.entries()) {
      const segmentSpace = k === rest.length - 1 ? space : 'value';
      if (current.kind === 'module') current = exportOf(current.path, segment, new Set(), segmentSpace);
      else if (current.kind === 'namespace') {
        const idx = files.get(current.path);
        const member = idx && inBlock(current.path, idx, current.name, segment, segmentSpace, current.viaImport);
        if (!member) return unresolved(`no member '${segment}' in the namespace ${current.name}`);
        current = member;
      } else if (current.kind === 'definition') {
        const viaImport = current.viaImport;
        const member = memberOf(current.id, segment);
        if (!member) return unresolved(`no member '${segment}'`);
        current = member.kind === 'definition' || member.kind === 'namespace' ? { ...member, viaImport } : member;
      } else return current;
    }
    return current;
  }

  function binding(fromFile: string, local: string): ImportedBinding | undefined {
    const bound = files.get(fromFile)?.imports.get(local);
    return bound && describe(fromFile, bound);
  }

  function describe(fromFile: string, bound: Bound): ImportedBinding {
    return {
      local: bound.binding.local,
      imported: bound.binding.imported,
      specifier: bound.decl.specifier,
      kind: bound.decl.kind,
      line: bound.decl.line,
      module: resolveModule(fromFile, bound.decl.specifier, bound.decl.kind),
      symbol: publicOf(asImported(bindingTarget(fromFile, bound, new Set()))),
    };
  }

  // A name path written in a file means the same on every lookup (every lookup starts afresh, and
  // the memo above keeps the first answer of each), and the calls phase asks for the same paths
  // site after site: answers by file, scope (space and namespace block), then segment by segment.
  // The phases read the files one after another, so only the files asked of last keep theirs
  // (NAMED_FILES): every file's answers, kept to the end, were 29 MB of the synthetic 10,000-file
  // tree's heap at the end of the calls phase.
  const named = new Map<string, Map<string, NameNode>>();
  let lastFile: string | undefined;
  function scopesOf(fromFile: string): Map<string, NameNode> {
    let scopes = named.get(fromFile);
    if (scopes && lastFile !== fromFile) {
      // Asked again: the file goes to the back of the eviction order.
      named.delete(fromFile);
      named.set(fromFile, scopes);
    } else if (!scopes) {
      named.set(fromFile, (scopes = new Map()));
      if (named.size > NAMED_FILES) named.delete(named.keys().next().value!);
    }
    lastFile = fromFile;
    return scopes;
  }
  function resolveNameOnce(fromFile: string, path: readonly string[], space: NameSpace, namespace: string | undefined): SymbolResolution {
    const scope = namespace === undefined ? space : `${space}\0${namespace}`;
    const scopes = scopesOf(fromFile);
    let node = scopes.get(scope);
    if (!node) scopes.set(scope, (node = {}));
    for (const segment of path) {
      node.next ??= new Map();
      let next = node.next.get(segment);
      if (!next) node.next.set(segment, (next = {}));
      node = next;
    }
    return (node.answer ??= resolveName(fromFile, path, space, namespace));
  }

  function resolveName(fromFile: string, path: readonly string[], space: NameSpace, namespace: string | undefined): SymbolResolution {
    const idx = files.get(fromFile);
    const [first, ...rest] = path;
    if (!idx || first === undefined) return unresolved(idx ? 'empty name' : `${fromFile} was not parsed`);
    const firstSpace = rest.length === 0 ? space : 'value';
    // Inside `namespace A.B {}`: A.B's members, then A's, then the module scope.
    let start: Found | undefined;
    for (const block of namespace === undefined ? [] : enclosingNamespaces(namespace)) {
      start = inBlock(fromFile, idx, block, first, firstSpace, false);
      if (start) break;
    }
    return publicOf(follow(start ?? localName(fromFile, idx, first, new Set(), firstSpace), rest, space));
  }

  return {
    resolveModule,
    resolveName: (fromFile, path, space = 'value', namespace) => resolveNameOnce(fromFile, path, space, namespace),
    resolveExport: (path, exportName, space = 'value') => publicOf(exportOf(path, exportName, new Set(), space)),
    importedBinding: binding,
    importedBindings: (fromFile) => [...(files.get(fromFile)?.imports.values() ?? [])].map((b) => describe(fromFile, b)),
    definitions,
  };
}

function asImported(r: Found): Found {
  return (r.kind === 'definition' || r.kind === 'namespace') && !r.viaImport ? { ...r, viaImport: true } : r;
}
