import type { Node, Point, Tree } from 'web-tree-sitter';
import type { Grammar } from './grammars.js';
import { maskMisreads, type MaskResult, type MisreadKind, type SourceProbe } from './misreads.js';

export interface ParsedText {
  /** The tree to extract from; its offsets and lines are those of the original text. */
  readonly tree: Tree;
  /** The constructs masked before the tree was parsed, when the masked parse was kept. */
  readonly masked?: Readonly<Partial<Record<MisreadKind, number>>>;
}

/** Masking rounds at most: a round's better tree can show misreads the first one hid. */
const MAX_ROUNDS = 3;

/**
 * Parses `text`; when the tree has errors, masks what the grammar misreads (misreads.ts) and
 * parses again, keeping the new tree only when it reads more of the file. Files without errors
 * are parsed once: the masking costs nothing on them.
 */
export function parseText(grammar: Grammar, text: string): ParsedText {
  let tree = grammar.parser.parse(text);
  if (!tree) throw new Error('the parser returned no tree');
  let current = text;
  let weight: ErrorWeight | undefined;
  const masked: Partial<Record<MisreadKind, number>> = {};
  for (let round = 0; round < MAX_ROUNDS && tree.rootNode.hasError; round++) {
    const mask = maskMisreads(current, probeOf(tree));
    if (!mask) break;
    const next = reparse(grammar, tree, current, mask);
    if (!next) break;
    const nextWeight = next.rootNode.hasError ? errorWeight(next) : undefined;
    weight ??= errorWeight(tree);
    if (nextWeight && !better(nextWeight, weight)) {
      next.delete();
      break;
    }
    tree.delete();
    tree = next;
    weight = nextWeight;
    current = mask.text;
    for (const [kind, n] of Object.entries(mask.masked) as [MisreadKind, number][]) masked[kind] = (masked[kind] ?? 0) + n;
  }
  return Object.keys(masked).length > 0 ? { tree, masked } : { tree };
}

/** Parses the masked text again; same-length edits let the parser reuse the rest of `tree`. */
function reparse(grammar: Grammar, tree: Tree, text: string, mask: MaskResult): Tree | null {
  const base = tree.copy();
  const lines = lineStarts(text);
  for (const change of mask.changes) {
    const startPosition = pointOf(lines, change.start);
    const endPosition = pointOf(lines, change.end);
    base.edit({ startIndex: change.start, oldEndIndex: change.end, newEndIndex: change.end, startPosition, oldEndPosition: endPosition, newEndPosition: endPosition });
  }
  const next = grammar.parser.parse(mask.text, base);
  base.delete();
  return next;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Row and column (UTF-16 units, as web-tree-sitter counts them) of an offset. */
function pointOf(starts: readonly number[], offset: number): Point {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { row: lo, column: offset - starts[lo]! };
}

interface ErrorWeight {
  /** Characters inside ERROR nodes (outermost ones): the text the parse could not read. */
  readonly chars: number;
  /** ERROR and MISSING nodes. */
  readonly count: number;
}

function better(next: ErrorWeight, prev: ErrorWeight): boolean {
  return next.chars < prev.chars || (next.chars === prev.chars && next.count < prev.count);
}

function errorWeight(tree: Tree): ErrorWeight {
  let count = 0;
  let chars = 0;
  const stack: [Node, boolean][] = [[tree.rootNode, false]];
  while (stack.length > 0) {
    const [node, insideError] = stack.pop()!;
    if (node.isMissing) count++;
    else if (node.isError) {
      count++;
      if (!insideError) chars += node.endIndex - node.startIndex;
    }
    const inside = insideError || node.isError;
    for (const child of node.children) if (child && (child.hasError || child.isMissing)) stack.push([child, inside]);
  }
  return { chars, count };
}

const LITERALS: ReadonlySet<string> = new Set(['string', 'template_string', 'regex']);

/** Asks the first tree what is at an offset: the smallest node there, then its ancestors. */
function probeOf(tree: Tree): SourceProbe {
  return {
    opaqueAt(offset) {
      for (let node: Node | null = tree.rootNode.descendantForIndex(offset, offset + 1); node; node = node.parent) {
        if (node.type === 'comment') return { kind: 'comment', start: node.startIndex, end: node.endIndex };
        if (LITERALS.has(node.type)) return { kind: 'literal', start: node.startIndex, end: node.endIndex };
        // Code inside `${…}` of a template string is code.
        if (node.type === 'template_substitution' || node.type === 'ERROR') return undefined;
      }
      return undefined;
    },
    escapesInErrors() {
      const out: { start: number; end: number }[] = [];
      const stack: Node[] = [tree.rootNode];
      while (stack.length > 0) {
        const node = stack.pop()!;
        for (const child of node.children) {
          if (!child) continue;
          if (node.isError && child.type === 'escape_sequence') out.push({ start: child.startIndex, end: child.endIndex });
          else if (child.hasError) stack.push(child);
        }
      }
      return out;
    },
  };
}
