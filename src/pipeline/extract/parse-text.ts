import type { Point, Tree } from 'web-tree-sitter';
import type { Grammar } from './grammars.js';
import { hasVarianceShape, maskMisreads, type MaskResult, type MisreadKind, type SourceProbe } from './misreads.js';
import { lexicalProbe } from './lexical-probe.js';
import { openNodeReader, type OpenNodeReader } from './wasm-nodes.js';

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
export function parseText(grammar: Grammar, text: string, options: { readonly maskFirst?: boolean } = {}): ParsedText {
  const early = options.maskFirst ? parseMasked(grammar, text) : undefined;
  if (early) return early;
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

/**
 * The tree of the text masked before any parse, when the text has variance modifiers: the grammar
 * reads none of them, so the file's first parse would be one with errors, the costliest kind (error
 * recovery), followed by the masked one (the mix: 145 such files, 1.17 s of the parse workers'
 * 2.1 s, against 0.65 s parsed masked from the start). The comments and literals the masking must
 * leave alone come from a lexical scan (lexical-probe.ts). The tree is kept only when it has no
 * error and has every edit in code, as the masking after a first parse would have made it;
 * otherwise undefined, and the file is parsed as it is.
 */
export function parseMasked(grammar: Grammar, text: string): ParsedText | undefined {
  if (!hasVarianceShape(text)) return undefined;
  const mask = maskMisreads(text, lexicalProbe(text));
  if (!mask?.masked.variance) return undefined;
  const tree = grammar.parser.parse(mask.text);
  if (!tree) return undefined;
  const probe = probeOf(tree);
  if (tree.rootNode.hasError || mask.changes.some((change) => probe.opaqueAt(change.start) !== undefined)) {
    tree.delete();
    return undefined;
  }
  return { tree, masked: mask.masked };
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

export interface ErrorWeight {
  /** Characters inside ERROR nodes (outermost ones): the text the parse could not read. */
  readonly chars: number;
  /** ERROR and MISSING nodes. */
  readonly count: number;
}

function better(next: ErrorWeight, prev: ErrorWeight): boolean {
  return next.chars < prev.chars || (next.chars === prev.chars && next.count < prev.count);
}

export function errorWeight(tree: Tree, open: OpenNodeReader = openNodeReader): ErrorWeight {
  const nodes = open(tree);
  let count = 0;
  let chars = 0;
  const stack: [number, boolean][] = [[nodes.root, false]];
  while (stack.length > 0) {
    const [node, insideError] = stack.pop()!;
    const isError = nodes.isError(node);
    if (nodes.isMissing(node)) count++;
    else if (isError) {
      count++;
      if (!insideError) chars += nodes.endIndex(node) - nodes.startIndex(node);
    }
    const inside = insideError || isError;
    for (const child of nodes.children(node)) if (nodes.hasError(child) || nodes.isMissing(child)) stack.push([child, inside]);
  }
  return { chars, count };
}

const LITERALS: ReadonlySet<string> = new Set(['string', 'template_string', 'regex']);

/** Asks the first tree what is at an offset: the smallest node there, then its ancestors. */
export function probeOf(tree: Tree, open: OpenNodeReader = openNodeReader): Required<SourceProbe> {
  const nodes = open(tree);
  return {
    opaqueAt(offset) {
      for (let node = nodes.descendantForIndex(nodes.root, offset, offset + 1); node >= 0; node = nodes.parent(node)) {
        const type = nodes.type(node);
        if (type === 'comment') return { kind: 'comment', start: nodes.startIndex(node), end: nodes.endIndex(node) };
        if (LITERALS.has(type)) return { kind: 'literal', start: nodes.startIndex(node), end: nodes.endIndex(node) };
        // Code inside `${…}` of a template string is code.
        if (type === 'template_substitution' || type === 'ERROR') return undefined;
      }
      return undefined;
    },
    escapesInErrors() {
      const out: { start: number; end: number }[] = [];
      const stack: number[] = [nodes.root];
      while (stack.length > 0) {
        const node = stack.pop()!;
        const isError = nodes.isError(node);
        for (const child of nodes.children(node)) {
          if (isError && nodes.type(child) === 'escape_sequence') out.push({ start: nodes.startIndex(child), end: nodes.endIndex(child) });
          else if (nodes.hasError(child)) stack.push(child);
        }
      }
      return out;
    },
  };
}
