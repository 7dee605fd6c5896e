// The three renderings of one diff (a new import cycle in test/fixtures/diff-shop), pinned whole:
// the order of sections, the cut at --limit with a count of the rest, and the Mermaid node cap.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphDiff } from '../../../src/diff/model.js';
import { renderDiffMarkdown } from '../../../src/report/diff-markdown.js';
import { renderDiffMermaid } from '../../../src/report/diff-mermaid.js';
import { renderDiffText } from '../../../src/report/diff-text.js';
import { makeTempDir, removeDir } from '../../helpers/temp-repo.js';
import { diffAfter, edit } from './diff-helpers.js';

const scratch = makeTempDir('codegraph-diff-render-');
let diff: GraphDiff;
beforeAll(async () => {
  diff = await diffAfter(scratch, 'cycle', 'diff-shop', (repo) =>
    edit(repo, 'src/util.ts', (t) => `import { describe } from './report.js';\n${t}\nexport function again(): string {\n  return describe([]);\n}\n`),
  );
});
afterAll(() => removeDir(scratch));

const HEADLINE = 'definitions +1 -0 moved 2, CALLS +1 -0, IMPORTS +1 -0, 1 new import cycle, impact 2 (depth 3)';

describe('diff renderings', () => {
  it('terminal: headline, then the sections most consequential first, cut at the limit', () => {
    expect(renderDiffText(diff, 1)).toBe(
      [
        `codegraph diff base -> head: ${HEADLINE}`,
        '',
        'new import cycles (1)',
        '  src/report.ts <-> src/util.ts',
        '',
        'definitions added (1)',
        '  Function again (src/util.ts:10)',
        '',
        'CALLS added (1)',
        '  again (src/util.ts) -> describe (src/report.ts) at src/util.ts:11',
        '',
        'IMPORTS added (1)',
        '  src/util.ts -> src/report.ts at src/util.ts:1',
        '',
        'fan-in changed (distinct callers) (1)',
        '  describe (src/report.ts) 1 -> 2 (+1)',
        '',
        'definitions moved (2)',
        '  Function round (src/util.ts) lines 1-3 -> 2-4',
        '  ... and 1 more',
        '',
        'files changed (1)',
        '  src/util.ts',
        '',
        'impact: callers and importers of the change, to depth 3 (2)',
        '  1  imports  src/report.ts',
        '  ... and 1 more',
      ].join('\n'),
    );
  });

  it('markdown: a short pull-request comment with counts for what is cut', () => {
    const md = renderDiffMarkdown(diff, 1);
    expect(md.split('\n').slice(0, 7)).toEqual([
      '### codegraph diff',
      '',
      `\`base\` → \`head\`: **${HEADLINE}**`,
      '',
      '**new import cycles** (1)',
      '',
      '- `src/report.ts <-> src/util.ts`',
    ]);
    expect(md).toContain('**definitions moved** (2)\n\n- `Function round (src/util.ts) lines 1-3 -> 2-4`\n- … and 1 more');
    expect(md.endsWith('**impact: callers and importers of the change, to depth 3** (2)\n\n- `1  imports  src/report.ts`\n- … and 1 more')).toBe(true);
  });

  it('mermaid: changed relationships with both ends, added definitions coloured, capped at the node limit', () => {
    expect(renderDiffMermaid(diff, 3)).toBe(
      [
        'flowchart LR',
        '  n0["again (src/util.ts)"]',
        '  n1["describe (src/report.ts)"]',
        '  n0 -->|"+CALLS"| n1',
        '  classDef added fill:#d4f8d4,stroke:#2a2',
        '  classDef removed fill:#f8d4d4,stroke:#a22,stroke-dasharray:3',
        '  class n0 added',
        '  %% 1 more change left out (at most 3 nodes)',
      ].join('\n'),
    );
    expect(renderDiffMermaid(diff, 40)).toContain('  n2["src/util.ts"]\n  n3["src/report.ts"]\n  n2 -->|"+IMPORTS"| n3');
  });
});
