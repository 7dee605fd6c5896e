import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import nodePath from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareAnswers } from '../../../src/query/compare.js';
import { calls, deps, find, impact, path } from '../../../src/query/questions.js';
import type { QueryStore } from '../../../src/query/store.js';
import { readRelationshipLine } from '../../../src/storage/relationship-line.js';
import { brief, indexRepo, type Indexed } from './indexed.js';

// Written at run time rather than kept under test/fixtures: git on other systems cannot check out
// a file name with a quote or a backslash. Ids with `"` and `\` are escaped in graph.json (read by
// JSON.parse), ids with other non-ASCII text are not (read by the relationship line fast path).
const FILES: Record<string, string> = {
  'src/café/menu.ts': 'export function m\\u00e9nu(): number {\n  return 1;\n}\n',
  'src/back\\slash.ts': 'export function back(): number {\n  return 2;\n}\n',
  'src/say"hi".ts': "import { m\\u00e9nu } from './café/menu';\n\nexport function quote(): number {\n  return m\\u00e9nu();\n}\n",
  'src/日本/名前.ts': 'import { quote } from \'../say"hi"\';\n\nexport class 店 {\n  名前(): number {\n    return quote();\n  }\n}\n',
};

let repo: string;
let escaped: Indexed;
beforeAll(async () => {
  repo = mkdtempSync(nodePath.join(tmpdir(), 'codegraph-escaped-'));
  for (const [file, text] of Object.entries(FILES)) {
    mkdirSync(nodePath.dirname(nodePath.join(repo, file)), { recursive: true });
    writeFileSync(nodePath.join(repo, file), text);
  }
  escaped = await indexRepo(repo, 'escaped');
});
afterAll(async () => {
  await escaped.close();
  rmSync(repo, { recursive: true, force: true });
});

describe('ids and paths with quotes, backslashes and other non-ASCII text', () => {
  it('graph.json has relationship lines of both kinds: with an escape, and non-ASCII without one', () => {
    const lines = readFileSync(nodePath.join(escaped.out, 'graph.json'), 'utf8').split('\n').filter((l) => l.includes('"type":"'));
    const read = lines.filter((l) => readRelationshipLine(l) !== undefined);
    expect(read).toEqual(lines.filter((l) => !l.includes('\\')));
    expect(read.filter((l) => l.includes('日本'))).toHaveLength(4);
    expect(lines.length - read.length).toBe(9);
  });

  it('the json store answers with the ids as written', async () => {
    const menu = escaped.idOf('Function', 'src/café/menu.ts', 'm\\u00e9nu');
    expect(menu).toBe('Function:src/café/menu.ts:m\\u00e9nu');
    const answer = await impact(escaped.stores.json, menu, { depth: Infinity });
    expect(brief(answer)).toEqual(['1 file src/say"hi".ts', '1 quote src/say"hi".ts', '2 file src/日本/名前.ts', '2 店.名前 src/日本/名前.ts']);
    expect(brief(await calls(escaped.stores.json, 'in', 'src/say"hi".ts:quote', { depth: 1 }))).toEqual(['1 店.名前 src/日本/名前.ts']);
    expect(brief(await find(escaped.stores.json, 'back'))).toEqual(['back src/back\\slash.ts']);
  });

  it('both stores give the same answers for every file and definition', async () => {
    const subjects = escaped.graph.nodes.filter((n) => ['File', 'Function', 'Method', 'Class'].includes(n.label)).map((n) => n.id);
    expect(subjects).toHaveLength(9);
    const questions = (id: string) => [
      (s: QueryStore) => calls(s, 'in', id, { depth: Infinity }),
      (s: QueryStore) => calls(s, 'out', id, { depth: Infinity }),
      (s: QueryStore) => impact(s, id, { depth: Infinity }),
      (s: QueryStore) => deps(s, id, { depth: Infinity }),
      (s: QueryStore) => path(s, id, 'src/café/menu.ts:m\\u00e9nu'),
    ];
    let rows = 0;
    for (const id of subjects) {
      for (const ask of questions(id)) {
        const [fromKuzu, fromJson] = [await ask(escaped.stores.kuzu), await ask(escaped.stores.json)];
        expect(compareAnswers(fromKuzu, fromJson)).toEqual({ onlyFirst: [], onlySecond: [] });
        rows += fromKuzu.kind === 'rows' ? fromKuzu.rows.length : 0;
      }
    }
    expect(rows).toBeGreaterThan(20);
  });
});
