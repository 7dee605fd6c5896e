import type { GraphDiff } from '../diff/model.js';
import { headline, sections } from './diff-lines.js';

/** The terminal summary: a headline, then each non-empty section with up to `limit` items. */
export function renderDiffText(diff: GraphDiff, limit: number): string {
  const out = [`codegraph diff ${diff.base.label} -> ${diff.head.label}: ${headline(diff)}`];
  if (!diff.unresolvedImports.known) out.push('(imports that stopped resolving: unknown, a side has no complete report.json)');
  for (const section of sections(diff)) {
    out.push('', `${section.title} (${section.items.length})`);
    for (const item of section.items.slice(0, limit)) out.push(`  ${item}`);
    if (section.items.length > limit) out.push(`  ... and ${section.items.length - limit} more`);
  }
  return out.join('\n');
}
