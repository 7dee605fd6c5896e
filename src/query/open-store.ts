import path from 'node:path';
import { outputPaths } from '../storage/output-dir.js';
import { chooseStore, type StoreChoice } from '../validate/store-choice.js';
import { JsonStore } from './json-store.js';
import { KuzuStore } from './kuzu-store.js';
import type { QueryStore, StoreName } from './store.js';

export type StoreOption = StoreName | 'both';

export interface OpenedStores {
  readonly stores: readonly QueryStore[];
  /** Why these: the default's reason, or that the user asked. */
  readonly why: string;
}

/**
 * The stores a question runs on: the one asked for, both, or by default graph.kuzu when the last
 * run left it present and current and graph.json otherwise (the choice `stats` makes).
 */
export async function openStores(outDir: string, wanted: StoreOption | undefined): Promise<OpenedStores> {
  const paths = outputPaths(path.resolve(outDir));
  if (wanted === undefined) {
    const { choice } = await chooseStore(outDir);
    return { stores: [await openChoice(choice)], why: choice.why };
  }
  const names: StoreName[] = wanted === 'both' ? ['kuzu', 'json'] : [wanted];
  const stores: QueryStore[] = [];
  try {
    for (const name of names) stores.push(name === 'kuzu' ? await KuzuStore.open(paths.graphKuzu) : await JsonStore.open(paths.graphJson));
  } catch (error) {
    await Promise.all(stores.map((s) => s.close()));
    throw error;
  }
  return { stores, why: '--store asked for it' };
}

function openChoice(choice: StoreChoice): Promise<QueryStore> {
  return choice.store === 'graph.kuzu' ? KuzuStore.open(choice.path) : JsonStore.open(choice.path);
}
