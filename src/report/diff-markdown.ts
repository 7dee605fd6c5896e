import type { GraphDiff } from '../diff/model.js';
import { headline, sections } from './diff-lines.js';

/**
 * A pull-request comment: the headline, then the sections most consequential first, each with
 * up to `limit` items and a count of the rest, the long tail folded away.
 */
export function renderDiffMarkdown(diff: GraphDiff, limit: number): string {
  const out = ['### codegraph diff', '', `\`${diff.base.label}\` → \`${diff.head.label}\`: **${escape(headline(diff))}**`];
  const all = sections(diff);
  // Sections with many items go under a fold, so the comment stays short.
  for (const section of all) {
    const shown = section.items.slice(0, limit).map((item) => `- ${code(item)}`);
    if (section.items.length > limit) shown.push(`- … and ${section.items.length - limit} more`);
    if (section.items.length > 5) {
      out.push('', `<details><summary>${escape(section.title)} (${section.items.length})</summary>`, '', ...shown, '', '</details>');
    } else {
      out.push('', `**${escape(section.title)}** (${section.items.length})`, '', ...shown);
    }
  }
  return out.join('\n');
}

function code(text: string): string {
  return `\`${text.replaceAll('`', "'")}\``;
}

function escape(text: string): string {
  return text.replace(/[<>&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&amp;'));
}
