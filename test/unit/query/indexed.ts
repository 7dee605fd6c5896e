import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { IndexOptions } from '../../../src/config/options.js';
import type { CodeGraph, NodeLabel } from '../../../src/graph/model.js';
import { runIndex } from '../../../src/orchestrator/run.js';
import { JsonStore } from '../../../src/query/json-store.js';
import { KuzuStore } from '../../../src/query/kuzu-store.js';
import { displayName } from '../../../src/query/lookup.js';
import type { Answer } from '../../../src/query/questions.js';
import type { QueryStore, StoreName } from '../../../src/query/store.js';
import { ROOT } from '../../helpers/cli.js';

// A fixture indexed in-process into both stores (real Kuzu, in a temp folder), for the question tests.

export interface Indexed {
  readonly out: string;
  readonly graph: CodeGraph;
  readonly stores: Readonly<Record<StoreName, QueryStore>>;
  /** The id of the node with this label, file and name (or `Owner.method`), as the index made it. */
  idOf(label: NodeLabel, file: string, name: string): string;
  close(): Promise<void>;
}

export async function indexRepo(repo: string, name = path.basename(repo)): Promise<Indexed> {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'codegraph-questions-')), '.codegraph');
  const options: IndexOptions = Object.freeze({
    repo,
    rootName: name,
    outDir: out,
    kuzu: true,
    batchSize: 1000,
    validate: false,
    include: [],
    exclude: [],
    allowDegraded: false,
    workers: 1,
    maxFileSize: 1024 * 1024,
    incremental: false,
  });
  const { graph, report } = await runIndex(options);
  if (!graph || report.kuzu.status !== 'ok') throw new Error(`indexing ${repo} failed: ${JSON.stringify(report.kuzu)}`);
  const stores = { kuzu: await KuzuStore.open(path.join(out, 'graph.kuzu')), json: await JsonStore.open(path.join(out, 'graph.json')) };
  return {
    out,
    graph,
    stores,
    idOf(label, file, wanted) {
      const found = graph.nodes.filter((n) => {
        const p = n.properties;
        const shown = typeof p['owner'] === 'string' && label === 'Method' ? `${p['owner']}.${String(p['name'])}` : p['name'];
        return n.label === label && p['filePath'] === file && shown === wanted;
      });
      if (found.length !== 1) throw new Error(`${found.length} nodes for ${label} ${file} ${wanted}`);
      return found[0]!.id;
    },
    async close() {
      await stores.kuzu.close();
      rmSync(path.dirname(out), { recursive: true, force: true });
    },
  };
}

export function indexFixture(name: string): Promise<Indexed> {
  return indexRepo(path.join(ROOT, 'test', 'fixtures', name));
}

/** Rows in a short form to assert on: `distance name file`. */
export function brief(answer: Answer): string[] {
  if (answer.kind !== 'rows') throw new Error(`expected rows, got ${answer.kind}: ${JSON.stringify(answer)}`);
  return answer.rows.map((r) => {
    const d = 'distance' in r ? `${r.distance} ` : 'step' in r ? `${r.step} ` : '';
    return `${d}${r.label === 'File' ? 'file' : displayName(r)} ${r.file ?? ''}`.trim();
  });
}
