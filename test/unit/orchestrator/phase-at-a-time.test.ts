import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runIndex } from '../../../src/orchestrator/run.js';
import { indexStores } from '../../../src/storage/index-stores.js';
import type { GraphSink } from '../../../src/storage/sink.js';
import { copyFixture } from '../../helpers/cli.js';
import { fixtureOptions } from '../../helpers/index-in-process.js';

// A run holds one phase's nodes and relationships at a time: the next phase is built only once
// every store has taken the last one. The real graph.json store is wrapped only to log its calls.
const repo = copyFixture('index-basic');
afterAll(() => rmSync(path.dirname(repo), { recursive: true, force: true }));

describe('an index run, phase by phase', () => {
  it('builds the next phase only after the stores took the last one, releases memory before the finish, and keeps no graph when told', async () => {
    const events: string[] = [];
    const logged = (sink: GraphSink): GraphSink => ({
      name: sink.name,
      writePhase: (phase, fragment, parts) => {
        events.push(`write ${phase}`);
        return sink.writePhase(phase, fragment, parts).finally(() => events.push(`written ${phase}`));
      },
      finish: (header) => {
        events.push('finish');
        return sink.finish(header);
      },
      abort: () => sink.abort(),
    });
    const out = path.join(repo, '.lean');
    const lean = await runIndex(fixtureOptions(repo, out), {
      keepGraph: false,
      releaseMemory: () => events.push('release'),
      stores: (setup) => indexStores(setup).map(logged),
      listener: { onPhaseStart: (phase) => events.push(`build ${phase}`) },
    });
    expect(events.filter((e) => e !== 'release' && e !== 'finish')).toEqual(
      ['structure', 'parsing', 'imports', 'calls'].flatMap((phase) => [`build ${phase}`, `write ${phase}`, `written ${phase}`]),
    );
    // The memory of the units and the resolver is handed back once, after the last phase is built
    // and before the stores finish.
    expect(events.filter((e) => e === 'build calls' || e === 'release' || e === 'finish')).toEqual(['build calls', 'release', 'finish']);
    expect(lean.graph).toBeUndefined();

    // The same input with the graph kept: the same graph.json bytes, and the report's totals count it.
    const kept = await runIndex(fixtureOptions(repo, path.join(repo, '.kept')));
    const graph = kept.graph!;
    expect(readFileSync(path.join(out, 'graph.json'), 'utf8')).toBe(readFileSync(path.join(repo, '.kept', 'graph.json'), 'utf8'));
    expect(lean.report.totals).toEqual(kept.report.totals);
    expect(lean.report.totals.nodes).toBe(graph.nodes.length);
    expect(lean.report.totals.relationships).toBe(graph.relationships.length);
    expect(lean.report.totals.byType['CALLS']).toBe(graph.relationships.filter((r) => r.type === 'CALLS').length);
  });
});
