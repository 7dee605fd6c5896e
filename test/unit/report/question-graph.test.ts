import { describe, expect, it } from 'vitest';
import type { Answer, CallRow } from '../../../src/query/questions.js';
import { renderAnswerGraph } from '../../../src/report/question-graph.js';

const subject = { id: 'S', label: 'Function', name: 'target', file: 'src/t.ts', line: 1 } as const;
const row = (i: number): CallRow => ({ id: `C${i}`, label: 'Function', name: `caller"${i}`, file: 'src/c.ts', line: i, distance: 1, via: 'S', relation: 'CALLS' });
const callers = (n: number): Answer => ({ question: 'callers', kind: 'rows', subjects: [subject], rows: Array.from({ length: n }, (_, i) => row(i + 1)) });

describe('drawings of answers', () => {
  it('mermaid: nodes with escaped labels, edges the way the calls go, the subject marked', () => {
    const { text, leftOut } = renderAnswerGraph(callers(2), 'mermaid');
    expect(leftOut).toBe(0);
    expect(text).toBe(
      [
        'flowchart LR',
        '  n0["target<br/>src/t.ts:1"]',
        '  n1["caller#quot;1<br/>src/c.ts:1"]',
        '  n2["caller#quot;2<br/>src/c.ts:2"]',
        '  n1 -->|calls| n0',
        '  n2 -->|calls| n0',
        '  style n0 stroke-width:3px',
      ].join('\n'),
    );
  });

  it('is capped at the node limit with a note of what was left out, and draws no edge to a node left out', () => {
    const { text, leftOut } = renderAnswerGraph(callers(50), 'dot', 40);
    expect(leftOut).toBe(11);
    expect(text).toContain('  // 11 more nodes and their edges left out (limit 40); --json lists them all\n');
    expect(text.match(/ \[label="[^"]*"(, penwidth=3)?\];/g)).toHaveLength(40);
    expect(text.match(/ -> /g)).toHaveLength(39);
    expect(text).toContain('"C39" -> "S" [label="calls"];');
    expect(text).not.toContain('"C40"');
    expect(text).toContain('[label="caller\\"1\\nsrc/c.ts:1"];');
  });
});
