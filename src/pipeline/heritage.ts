import { compareIds, relationshipId } from '../graph/ids.js';
import { allowsEnds, type GraphRelationship, type RelationshipType } from '../graph/model.js';
import { isBuiltinTypeName } from './calls/builtins.js';
import { locateDefinitions } from './calls/repo-index.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { HeritageClause, ParsedUnit } from '../model/parsed-unit.js';
import type { PhaseOutput } from '../model/phases.js';
import type { SymbolResolver } from '../model/resolution.js';

/**
 * INHERITS (Class→Class, Interface→Interface) and IMPLEMENTS (Class→Interface|Class) edges. Each
 * base is resolved with the import map, as the language binds the name: the file's own top-level
 * definitions, then its imports (aliases, namespaces `ns.Base`, re-exports, barrels); never by
 * looking the name up elsewhere in the repo. Generic arguments are not part of the name path.
 * A base that cannot give an edge (external, a call like `mixin(Base)`, not a class or interface)
 * is counted by reason and reported as an info diagnostic.
 */
export function buildHeritage(units: readonly ParsedUnit[], symbols: SymbolResolver): PhaseOutput {
  // The resolver's map of every definition by id when it has one, not a second one (29 MB at 50,000 files).
  const definitions = symbols.definitions ?? locateDefinitions(units);
  const edges = new Map<string, GraphRelationship>();
  const diagnostics: Diagnostic[] = [];
  // Prefixed: these counts are shown with the parsing phase's own.
  const counts: Record<string, number> = { 'heritage.clauses': 0, 'heritage.resolved': 0, 'heritage.unresolved': 0 };
  const fail = (file: string, clause: HeritageClause, key: string, reason: string): void => {
    counts['heritage.unresolved']!++;
    counts[`heritage.unresolved.${key}`] = (counts[`heritage.unresolved.${key}`] ?? 0) + 1;
    diagnostics.push({ file, line: clause.line, severity: 'info', code: 'unresolved-heritage', message: `${clause.relation} ${clause.text}: ${reason}` });
  };

  for (const unit of units) {
    if (unit.status.kind !== 'parsed') continue;
    const file = unit.file.relPath;
    for (const def of unit.definitions) {
      if (def.label !== 'Class' && def.label !== 'Interface') continue;
      for (const clause of def.heritage ?? []) {
        counts['heritage.clauses']!++;
        if (!clause.ref) {
          const kind = clause.unresolvable ?? 'expression';
          fail(file, clause, kind, kind === 'call' ? 'the base is a call (mixin)' : 'the base is not a name');
          continue;
        }
        // Inside `namespace N {}` (def.owner is N) the block's names come before the module's.
        const res = symbols.resolveName(file, clause.ref.path, 'type', def.owner);
        if (res.kind === 'external') {
          fail(file, clause, 'external', `defined in the package ${res.packageName}`);
          continue;
        }
        if (res.kind === 'module') {
          fail(file, clause, 'not-a-type', 'the name is a whole module');
          continue;
        }
        if (res.kind === 'unresolved') {
          const name = clause.ref.path.length === 1 ? clause.ref.path[0]! : '';
          // BUILTIN_TYPE_NAMES holds the global names too.
          const global = res.reason.includes('is not defined or imported') && isBuiltinTypeName(name);
          if (global) fail(file, clause, 'builtin', 'a global (builtin) type');
          else fail(file, clause, 'not-found', res.reason);
          continue;
        }
        const base = definitions.get(res.id)?.def;
        if (!base || base.id === def.id) {
          fail(file, clause, 'not-found', base ? 'the name resolves to the class itself' : `no definition ${res.id}`);
          continue;
        }
        const type: RelationshipType = clause.relation === 'implements' ? 'IMPLEMENTS' : 'INHERITS';
        if (!allowsEnds(type, def.label, base.label)) {
          fail(file, clause, 'not-a-type', `${article(def.label)} cannot ${clause.relation === 'extends' ? 'extend' : 'implement'} ${article(base.label)}`);
          continue;
        }
        counts['heritage.resolved']!++;
        const id = relationshipId(type, def.id, base.id);
        if (!edges.has(id)) edges.set(id, { id, type, source: def.id, target: base.id, properties: {} });
      }
    }
  }
  const relationships = [...edges.values()].sort((a, b) => compareIds(a.id, b.id));
  counts['heritage.edges'] = relationships.length;
  return { fragment: { nodes: [], relationships }, diagnostics, counts };
}

function article(label: string): string {
  return /^[AEIOU]/.test(label) ? `an ${label}` : `a ${label}`;
}
