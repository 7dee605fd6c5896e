// Precision, recall and F1 of one relationship type: our edges against the reference's.

export function score(ours, reference) {
  let tp = 0;
  for (const pair of ours) if (reference.has(pair)) tp++;
  const fp = ours.size - tp;
  const fn = reference.size - tp;
  const precision = ours.size === 0 ? (reference.size === 0 ? 1 : 0) : tp / ours.size;
  const recall = reference.size === 0 ? 1 : tp / reference.size;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { ours: ours.size, reference: reference.size, tp, fp, fn, precision: round(precision), recall: round(recall), f1: round(f1) };
}

export function round(x) {
  return Math.round(x * 1000) / 1000;
}

/** Our relationships of `type` as `source->target` pairs, with the relationship kept for breakdowns. */
export function pairsOf(graph, type) {
  const pairs = new Map();
  for (const r of graph.relationships) if (r.type === type) pairs.set(`${r.source}->${r.target}`, r);
  return pairs;
}

/** False positives and negatives, grouped by our stage for CALLS, for the JSON report. */
export function errors(ourPairs, reference, sites = new Map(), limit = 60) {
  const fpByStage = {};
  const fp = [];
  for (const [pair, rel] of ourPairs) {
    if (reference.has(pair)) continue;
    const stage = String(rel.properties.stage ?? rel.type);
    fpByStage[stage] = (fpByStage[stage] ?? 0) + 1;
    if (fp.length < limit) fp.push({ pair, line: rel.properties.line, stage });
  }
  const fn = [...reference].filter((p) => !ourPairs.has(p));
  return { fpByStage, fp, fn: fn.slice(0, limit).map((pair) => ({ pair, site: sites.get(pair) })), fnCount: fn.length };
}

/** For CALLS: how many of our edges each stage made, and the share the checker confirms. */
export function precisionByStage(ourPairs, reference) {
  const byStage = {};
  for (const [pair, rel] of ourPairs) {
    const stage = String(rel.properties.stage);
    const entry = (byStage[stage] ??= { edges: 0, confirmed: 0, precision: 0 });
    entry.edges++;
    if (reference.has(pair)) entry.confirmed++;
  }
  for (const entry of Object.values(byStage)) entry.precision = round(entry.confirmed / entry.edges);
  return byStage;
}
