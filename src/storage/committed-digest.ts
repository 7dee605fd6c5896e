import { stat } from 'node:fs/promises';
import { totalmem } from 'node:os';
import { StorageError, reasonOf } from '../errors.js';
import { KuzuClient } from './kuzu-client.js';
import { digestKuzu, type DigestOutcome, type StoreDigest } from './kuzu-digest.js';
import { digestPoolFor } from './kuzu-load-policy.js';

// The digest of a database the Kuzu sink has committed, by the process that loaded it or by a fresh
// one (kuzu-load-policy.ts, digestApartFor). A failure here fails no load (the database is written
// and checkpointed): it only leaves validation to compare graph.json with Kuzu row by row.

/** Every table's digest by the Kuzu process `client` talks to; `ms` is that process's time on it. */
export async function digestCommitted(client: KuzuClient, statement?: (table: string) => string): Promise<StoreDigest> {
  const busyBefore = client.busyMs;
  const rows = async (statements: readonly string[]): Promise<unknown> => JSON.parse(await client.request({ op: 'rows', statements }));
  const digest = await digestKuzu(rows, statement);
  return { ...digest, ms: client.busyMs - busyBefore };
}

/**
 * Every table's digest by a fresh Kuzu process on the committed file at `path`, opened read-only
 * with a pool sized to it, after the loading process has ended (its memory went with it). `start`
 * makes that process's client and hands it to the caller, who closes it (or stops it, if the run is
 * stopped meanwhile); it gives undefined when the run was stopped before it began.
 */
export async function digestInFreshProcess(path: string, start: () => KuzuClient | undefined, statement?: (table: string) => string): Promise<DigestOutcome> {
  try {
    const { size } = await stat(path);
    const client = start();
    if (!client) throw new StorageError('the run was stopped');
    await client.request({ op: 'open', path, bufferPoolBytes: digestPoolFor(size, totalmem()), readOnly: true });
    return await digestCommitted(client, statement);
  } catch (error) {
    return { ok: false, reason: reasonOf(error) };
  }
}
