/** What the first parse says is at an offset of the source. */
export interface SourceProbe {
  /**
   * The comment or literal (string, template text, regex) around `offset`, as `[start, end)` in
   * UTF-16 offsets; undefined for code.
   */
  opaqueAt(offset: number): { readonly kind: 'comment' | 'literal'; readonly start: number; readonly end: number } | undefined;
  /**
   * Escape sequences (`\n`, `\\`, `\$`, `\u0041`) the parse put directly inside an ERROR, not in a
   * string or template string: what a template-literal type holds, which the grammar cannot read.
   */
  escapesInErrors?(): readonly { readonly start: number; readonly end: number }[];
}

/** The valid TypeScript that tree-sitter-typescript 0.23.2 reads as a syntax error. */
export type MisreadKind = 'variance' | 'call-signature' | 'template-escape' | 'import-type-arguments' | 'export-type-star';

export interface MaskResult {
  /** The source with each misread construct replaced by text of the same length (no line moves). */
  readonly text: string;
  readonly masked: Readonly<Partial<Record<MisreadKind, number>>>;
  /** The changed ranges, `[start, end)`, sorted: what an incremental reparse must look at again. */
  readonly changes: readonly { readonly start: number; readonly end: number }[];
}

/**
 * Rewrites, without moving any offset or line, the constructs the grammar cannot read but the
 * compiler accepts, so that a second parse reads the rest of the file as the compiler does:
 * - variance modifiers `in` / `out` / `in out` on type parameters are blanked;
 * - a call signature that starts a line with `<` after a member without `;` or `,` gets a `;` in
 *   the whitespace before it (the grammar reads `A\n<B>(x: B): B` as `A<B>` and a stray call);
 * - an escaped backtick in a template-literal type (`\``), which the grammar ends the type at,
 *   becomes two spaces, and so does any other escape the first parse found inside an ERROR
 *   (`\${`, `\\`, `\n`: the grammar reads no escape in a template-literal type);
 * - when only line breaks precede that `<` (it is at column 0), the `;` takes the place of the
 *   `<` and the type parameters are blanked;
 * - the type arguments of an import type, `import("m").T<X>`, are blanked (`import("m").T` reads);
 * - `type` in `export type * from` is blanked (an `export * from` reads and gives its import).
 * Nothing inside a comment or a literal is touched. Returns undefined when nothing matched.
 */
export function maskMisreads(source: string, probe: SourceProbe): MaskResult | undefined {
  const edits: { at: number; text: string }[] = [];
  const masked: Partial<Record<MisreadKind, number>> = {};
  const outside = (at: number): boolean => probe.opaqueAt(at) === undefined;
  const blank = (kind: MisreadKind, from: number, to: number): void => {
    edits.push({ at: from, text: source.slice(from, to).replace(/[^\n\r]/g, ' ') });
    masked[kind] = (masked[kind] ?? 0) + 1;
  };

  for (const m of source.matchAll(VARIANCE)) {
    const at = m.index + m[1]!.length;
    if (outside(at)) blank('variance', at, at + m[2]!.length);
  }
  for (const m of source.matchAll(LINE_START_TYPE_PARAMETERS)) {
    const lt = m.index + m[0].length - 1;
    const slot = separatorSlot(source, lt, probe);
    if (slot === undefined || !outside(lt)) continue;
    if (slot >= 0) edits.push({ at: slot, text: ';' });
    else {
      const gt = closingAngle(source, lt);
      if (gt < 0) continue;
      edits.push({ at: lt, text: ';' + source.slice(lt + 1, gt + 1).replace(/[^\n\r]/g, ' ') });
    }
    masked['call-signature'] = (masked['call-signature'] ?? 0) + 1;
  }
  for (let at = source.indexOf('\\`'); at >= 0; at = source.indexOf('\\`', at + 2)) {
    if (!escaped(source, at) && outside(at)) blank('template-escape', at, at + 2);
  }
  for (const escape of probe.escapesInErrors?.() ?? []) {
    if (source[escape.start] === '\\' && source[escape.start + 1] !== '`') blank('template-escape', escape.start, escape.end);
  }
  for (const m of source.matchAll(IMPORT_TYPE_ARGUMENTS)) {
    if (!outside(m.index)) continue;
    const lt = m.index + m[0].length - 1;
    const gt = closingAngle(source, lt);
    if (gt > 0) blank('import-type-arguments', lt, gt + 1);
  }
  for (const m of source.matchAll(EXPORT_TYPE_STAR)) {
    if (!outside(m.index)) continue;
    const at = m.index + m[1]!.length;
    blank('export-type-star', at, at + 'type'.length);
  }
  if (edits.length === 0) return undefined;
  edits.sort((a, b) => a.at - b.at);
  let text = '';
  let from = 0;
  const changes: { start: number; end: number }[] = [];
  for (const edit of edits) {
    if (edit.at < from) continue; // masks never overlap; this only guards the invariant
    text += source.slice(from, edit.at) + edit.text;
    from = edit.at + edit.text.length;
    changes.push({ start: edit.at, end: from });
  }
  return { text: text + source.slice(from), masked, changes };
}

/**
 * Whether the source holds text shaped like a variance modifier, in code or not: a quick test
 * before anything costlier (parse-text.ts parseMasked).
 */
export function hasVarianceShape(source: string): boolean {
  VARIANCE.lastIndex = 0;
  const found = VARIANCE.test(source);
  VARIANCE.lastIndex = 0;
  return found;
}

/** Whether the character at `at` is itself escaped by an odd run of backslashes before it. */
function escaped(source: string, at: number): boolean {
  let n = 0;
  for (let i = at - 1; i >= 0 && source[i] === '\\'; i--) n++;
  return n % 2 === 1;
}

// `<in T`, `, out T`, `<in out T`, `<const in T`, followed by `,`, `>`, `=` or `extends`: in
// JavaScript an `in`/`out` after `<` or `,` and before a name can only be a variance modifier.
const VARIANCE = /([<,][ \t\r\n]*(?:const[ \t]+)?)(in[ \t]+out|in|out)[ \t]+(?=[A-Za-z_$][\w$]*[ \t\r\n]*(?:[,>=]|extends\b))/g;
// A line that starts a type-parameter list: `  <A>(`, `  <A, B extends X>(`, `  <` then `A,` below.
// (The line break is matched, not looked behind for: a lookbehind is tried at every offset of the
// file, a literal `\n` lets the engine skip to the next line; only the match's end is used.)
const LINE_START_TYPE_PARAMETERS = /\n[ \t]*<(?=\s*(?:const\s+)?[A-Za-z_$][\w$]*\s*(?:,|>\s*\(|extends\b|=))/g;
const IMPORT_TYPE_ARGUMENTS = /\bimport[ \t]*\([ \t]*(["'])[^"'\n]*\1[ \t]*\)(?:[ \t]*\.[ \t]*[A-Za-z_$][\w$]*)+[ \t]*</g;
const EXPORT_TYPE_STAR = /\b(export[ \t]+)type[ \t]+\*/g;

/** Tokens after which a line-start `<` continues an expression or a type, not a new member. */
const CONTINUES = new Set([';', ',', '{', '(', '[', '=', ':', '|', '&', '?', '<', '!', '+', '-', '*', '/', '%', '^', '~', '.']);
const CONTINUING_WORDS = new Set(['return', 'yield', 'await', 'typeof', 'keyof', 'new', 'extends', 'in', 'of', 'case', 'do', 'else', 'delete', 'throw', 'instanceof', 'as', 'satisfies', 'is', 'readonly', 'unique', 'infer', 'asserts']);

/**
 * Where to put the `;` that ends the member before a line-start `<`, when the token before it
 * (comments skipped) ends a type: the whitespace nearest before `lt`, or -1 when only line breaks
 * lie between; undefined when that token does not end a type.
 */
function separatorSlot(source: string, lt: number, probe: SourceProbe): number | undefined {
  let slot = -1;
  let i = lt - 1;
  for (; i >= 0; i--) {
    const c = source[i]!;
    if (c === ' ' || c === '\t') {
      if (slot < 0) slot = i;
      continue;
    }
    if (c === '\n' || c === '\r') continue;
    // Only the end of a block comment, or a line with `//` on it, can put us inside a comment.
    if (!(c === '/' && source[i - 1] === '*') && !lineHasSlashes(source, i)) break;
    const opaque = probe.opaqueAt(i);
    if (opaque?.kind !== 'comment') break;
    i = opaque.start;
  }
  if (i < 0) return undefined;
  const c = source[i]!;
  if (CONTINUES.has(c)) return undefined;
  if (c === '>' && source[i - 1] === '=') return undefined; // `=>`
  if (/[\w$]/.test(c)) {
    let w = i;
    while (w > 0 && /[\w$]/.test(source[w - 1]!)) w--;
    if (CONTINUING_WORDS.has(source.slice(w, i + 1))) return undefined;
  }
  return slot;
}

function lineHasSlashes(source: string, at: number): boolean {
  const start = source.lastIndexOf('\n', at) + 1;
  const slashes = source.indexOf('//', start);
  return slashes >= 0 && slashes < at;
}

/** The `>` that closes the `<` at `lt` (nested `<>` counted, `=>` skipped), or -1 within a bound. */
function closingAngle(source: string, lt: number): number {
  let depth = 0;
  const limit = Math.min(source.length, lt + 4000);
  for (let i = lt; i < limit; i++) {
    const c = source[i];
    if (c === '<') depth++;
    else if (c === '>' && source[i - 1] !== '=') {
      depth--;
      if (depth === 0) return i;
    } else if (c === ';') return -1;
  }
  return -1;
}
