import path from 'node:path';
import { outputPaths } from '../storage/output-dir.js';
import { chooseStore } from '../validate/store-choice.js';
import { JsonStore } from './json-store.js';
import { KuzuStore } from './kuzu-store.js';
import type { QueryStore, StoreName } from './store.js';

export type StoreOption = StoreName | 'both';

export interface OpenedStores {
  readonly stores: readonly QueryStore[];
  /** Why these: the default's reason, or that the user asked. */
  readonly why: string;
  /** How long each took to open (graph.json: read into its index), in ms. */
  readonly openMs: Readonly<Partial<Record<StoreName, number>>>;
}

/**
 * The stores a question runs on: the one asked for, both, or by default graph.kuzu when the last
 * run left it present and current and graph.json otherwise (the choice `stats` makes).
 */
export async function openStores(outDir: string, wanted: StoreOption | undefined): Promise<OpenedStores> {
  const paths = outputPaths(path.resolve(outDir));
  let names: StoreName[];
  let why = '--store asked for it';
  if (wanted === undefined) {
    const { choice } = await chooseStore(outDir);
    names = [choice.store === 'graph.kuzu' ? 'kuzu' : 'json'];
    why = choice.why;
  } else names = wanted === 'both' ? ['kuzu', 'json'] : [wanted];
  const stores: QueryStore[] = [];
  const openMs: Partial<Record<StoreName, number>> = {};
  try {
    for (const name of names) {
      const t0 = performance.now();
      stores.push(name === 'kuzu' ? await KuzuStore.open(paths.graphKuzu) : await JsonStore.open(paths.graphJson));
      openMs[name] = Math.round(performance.now() - t0);
    }
  } catch (error) {
    await Promise.all(stores.map((s) => s.close()));
    throw error;
  }
  return { stores, why, openMs };
}
