import { afterEach, describe, expect, it } from 'vitest';
import path from 'node:path';
import kuzu from 'kuzu';
import { statementRows } from '../../../src/storage/kuzu-digest.js';
import { makeTempDir, removeDir } from '../../helpers/temp-repo.js';

// statementRows is what the Kuzu process answers a `rows` request with (the digest after the
// COMMIT), on one connection or on several side by side. A real database in a temp folder.

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

async function withDatabase<T>(connections: number, use: (conns: kuzu.Connection[]) => Promise<T>): Promise<T> {
  const dir = makeTempDir();
  dirs.push(dir);
  const db = new kuzu.Database(path.join(dir, 'g.kuzu'), 64 * 2 ** 20);
  const conns = Array.from({ length: connections }, () => new kuzu.Connection(db));
  try {
    const setup = ['CREATE NODE TABLE T(id STRING PRIMARY KEY, n INT64)', ...Array.from({ length: 40 }, (_, i) => `CREATE (:T {id: 't${i}', n: ${i}})`)];
    for (const statement of setup) (await conns[0]!.query(statement) as kuzu.QueryResult).close();
    return await use(conns);
  } finally {
    for (const conn of conns) await conn.close();
    await db.close();
  }
}

/** Statements of unequal cost, each with its own answer, so that an answer in the wrong slot shows. */
const statements = Array.from({ length: 9 }, (_, i) => `MATCH (t:T) WHERE t.n >= ${i * 4} RETURN count(*) AS rows, sum(t.n) AS total, '${i}' AS tag`);

describe('statementRows', () => {
  it('gives every statement its own rows, in statement order, on one connection or three side by side', async () => {
    const expected = statements.map((_, i) => {
      const ns = Array.from({ length: 40 }, (__, n) => n).filter((n) => n >= i * 4);
      return [[ns.length, ns.reduce((a, b) => a + b, 0), String(i)]];
    });
    expect(await withDatabase(1, (conns) => statementRows([conns[0]!], statements))).toEqual(expected);
    expect(await withDatabase(3, (conns) => statementRows(conns, statements))).toEqual(expected);
  });

  it('throws the first failure once the statements already running have ended, and starts no more', async () => {
    const broken = [...statements.slice(0, 2), 'MATCH (x:NoSuchTable) RETURN x', ...statements.slice(2)];
    const started: string[] = [];
    await withDatabase(2, async (conns) => {
      // Every connection reports the statements it is given. A statement started after the broken
      // one waits 50 ms first, so the failure (a binder error, back in well under a millisecond) is
      // in before any statement taken beside it can end: what happens next does not hang on timing.
      let brokenStarted = false;
      const watched = conns.map((conn) => new Proxy(conn, {
        get(target, key, receiver) {
          if (key !== 'query') return Reflect.get(target, key, receiver) as unknown;
          return async (statement: string) => {
            started.push(statement);
            if (statement === broken[2]) brokenStarted = true;
            else if (brokenStarted) await new Promise((resolve) => setTimeout(resolve, 50));
            return target.query(statement);
          };
        },
      }));
      await expect(statementRows(watched, broken)).rejects.toThrow(/NoSuchTable/);
      // The two before it, the broken one, and at most the one the other connection took beside it.
      expect(started.slice(0, 3).sort()).toEqual(broken.slice(0, 3).sort());
      expect(started.length).toBeLessThanOrEqual(4);
      const after = (await conns[1]!.query('MATCH (t:T) RETURN count(*) AS n')) as kuzu.QueryResult;
      expect(await after.getAll()).toEqual([{ n: 40 }]);
      after.close();
    });
  });
});
