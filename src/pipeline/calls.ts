import { compareIds, fileId, relationshipId } from '../graph/ids.js';
import type { GraphRelationship } from '../graph/model.js';
import { RESOLUTION_BASES, STAGES, UNRESOLVED_REASONS, type ResolutionBasis, type Stage, type UnresolvedReason } from './calls/confidence.js';
import type { CallContext } from './calls/hierarchy.js';
import { buildRepoIndex } from './calls/repo-index.js';
import { resolveSite } from './calls/resolve.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { ParsedUnit } from '../model/parsed-unit.js';
import { PART_ROWS, type PhaseBuild, type PhaseOutput } from '../model/phases.js';
import type { SymbolResolver } from '../model/resolution.js';

const CALLER_LABELS: ReadonlySet<string> = new Set(['Function', 'Method', 'Class']);

/** A caller–callee pair's sites so far (the pair is the keys it is kept under). */
interface PendingEdge {
  basis: ResolutionBasis;
  line: number;
  callSites: number;
}

/**
 * The calls phase: every call site of every parsed file, resolved to the Function, Method or Class
 * it calls. One CALLS relationship per caller–callee pair; it keeps the most certain way any of
 * its sites was resolved. Unresolved sites are counted by reason, never guessed.
 */
export function buildCalls(units: readonly ParsedUnit[], symbols: SymbolResolver): PhaseOutput {
  const step = buildCallsInParts(units, symbols, Infinity).next();
  if (!step.done) throw new Error('the calls phase yielded a part it was not asked for');
  return step.value;
}

/**
 * The calls phase handed over in parts of at least `partRows` relationships (the last part may
 * have fewer), each sorted by id. A part holds whole files, and every edge's caller is of its
 * site's own file, so no relationship id is in two parts.
 */
export function* buildCallsInParts(units: readonly ParsedUnit[], symbols: SymbolResolver, partRows = PART_ROWS): PhaseBuild {
  const ctx: CallContext = { index: buildRepoIndex(units, symbols.definitions), symbols, parentMemo: new Map(), links: new Map() };
  // Edges by caller, then callee: both ids are strings the parsed units and the index already
  // hold, so a site costs two lookups, and the relationship id is built once per edge. A caller is
  // a definition of the site's own file (or the file), so a file's edges are complete once its
  // sites are read: they become relationships there, and only one file's map is held at a time
  // (every caller's map of the repo at once: an estimated ~20 MB on the synthetic 10,000-file tree).
  const edges = new Map<string, Map<string, PendingEdge>>();
  let relationships: GraphRelationship[] = [];
  let found = 0;
  const resolvedBy = new Map<Stage, number>(STAGES.map((stage) => [stage, 0]));
  const unresolvedBy = new Map<UnresolvedReason, number>(UNRESOLVED_REASONS.map((reason) => [reason, 0]));

  const diagnostics: Diagnostic[] = [];
  for (const unit of units) {
    if (unit.status.kind !== 'parsed') continue;
    const file = unit.file.relPath;
    const fileNode = fileId(file);
    let reported = false;
    for (const site of unit.calls) {
      // A caller must be a node of this graph; anything else is a parser defect, reported once per file.
      const caller = site.callerId === fileNode ? undefined : ctx.index.byId.get(site.callerId);
      const callerDef = caller?.file === file ? caller.def : undefined;
      if (site.callerId !== fileNode && !CALLER_LABELS.has(callerDef?.label ?? '')) {
        if (!reported) {
          reported = true;
          diagnostics.push({ file, severity: 'warning', code: 'unknown-caller', message: `call site at line ${site.line} names caller '${site.callerId}', which is not a function, method or class of ${file}`, line: site.line });
        }
        continue;
      }
      found++;
      const outcome = resolveSite(ctx, file, site);
      if (outcome.kind === 'unresolved') {
        unresolvedBy.set(outcome.reason, unresolvedBy.get(outcome.reason)! + 1);
        continue;
      }
      const stage = RESOLUTION_BASES[outcome.basis].stage;
      resolvedBy.set(stage, resolvedBy.get(stage)! + 1);
      // The caller's id as its definition holds it: the site's own copy (read back from the packed
      // call sites, one per site) would be the one an edge keeps, a second copy of every caller id.
      addEdge(edges, callerDef?.id ?? fileNode, outcome.target.def.id, outcome.basis, site.line);
    }
    for (const [source, targets] of edges) {
      for (const [target, edge] of targets) relationships.push({ id: relationshipId('CALLS', source, target), type: 'CALLS', source, target, properties: callProperties(edge) });
    }
    edges.clear();
    if (relationships.length >= partRows) {
      yield { nodes: [], relationships: relationships.sort((a, b) => compareIds(a.id, b.id)) };
      relationships = [];
    }
  }
  let resolved = 0;
  for (const n of resolvedBy.values()) resolved += n;
  const counts: Record<string, number> = { found, resolved };
  for (const [stage, n] of resolvedBy) counts[`resolved.${stage}`] = n;
  for (const [reason, n] of unresolvedBy) counts[`unresolved.${reason}`] = n;
  counts['resolvedShare'] = found === 0 ? 0 : round4(resolved / found);

  relationships.sort((a, b) => compareIds(a.id, b.id));
  return { fragment: { nodes: [], relationships }, diagnostics, counts };
}

/**
 * A CALLS edge's properties, in key order as graph.json has them (the builder then takes the
 * object as it is). Built by assignment, not as a literal: on the 10,000-file bench tree V8 gave
 * nine in ten of the literal's objects dictionary properties (a 448-byte NameDictionary each,
 * 29 MB held to the end of the run; seen with %HasFastProperties), and the assigned ones stay fast.
 */
function callProperties(e: PendingEdge): GraphRelationship['properties'] {
  const properties: Record<string, string | number> = {};
  properties['callSites'] = e.callSites;
  properties['confidence'] = RESOLUTION_BASES[e.basis].confidence;
  properties['line'] = e.line;
  properties['stage'] = RESOLUTION_BASES[e.basis].stage;
  return properties;
}

function addEdge(edges: Map<string, Map<string, PendingEdge>>, source: string, target: string, basis: ResolutionBasis, line: number): void {
  let targets = edges.get(source);
  if (!targets) edges.set(source, (targets = new Map()));
  const edge = targets.get(target);
  if (!edge) {
    targets.set(target, { basis, line, callSites: 1 });
    return;
  }
  edge.callSites++;
  edge.line = Math.min(edge.line, line);
  if (RESOLUTION_BASES[basis].confidence > RESOLUTION_BASES[edge.basis].confidence) edge.basis = basis;
}

function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}
