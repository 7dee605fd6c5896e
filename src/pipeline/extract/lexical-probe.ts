import type { SourceProbe } from './misreads.js';

/**
 * What a source's comments and literals are, found by scanning it the way a lexer of TypeScript
 * (not TSX: JSX text has no lexical rules of its own) would, without parsing it: the question
 * the misread masking asks of a tree (SourceProbe.opaqueAt), answered before the first parse.
 *
 * A lexer cannot always tell a regular expression from a division (`a / b / c` against
 * `return /b/`); it decides by the token before, as most do. It is a guess, and the masking it
 * guides is checked against the tree parsed from the masked text (parse-text.ts parseMasked):
 * an edit the tree finds inside a comment or a literal, or a tree with an error, and the
 * file is parsed as it is instead.
 */
export function lexicalProbe(text: string): SourceProbe {
  const { starts, ends, kinds } = scan(text);
  return {
    opaqueAt(offset) {
      // The last region starting at or before `offset`; regions never overlap.
      let lo = 0;
      let hi = starts.length - 1;
      if (hi < 0 || starts[0]! > offset) return undefined;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= offset) lo = mid;
        else hi = mid - 1;
      }
      if (offset >= ends[lo]!) return undefined;
      return { kind: kinds[lo] === COMMENT ? 'comment' : 'literal', start: starts[lo]!, end: ends[lo]! };
    },
  };
}

const COMMENT = 0;
const LITERAL = 1;

/** Words after which a `/` starts a regular expression. */
const BEFORE_EXPRESSION: ReadonlySet<string> = new Set([
  'return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'instanceof', 'yield', 'await',
]);

interface Regions {
  readonly starts: number[];
  readonly ends: number[];
  readonly kinds: number[];
}

function scan(text: string): Regions {
  const starts: number[] = [];
  const ends: number[] = [];
  const kinds: number[] = [];
  const add = (kind: number, start: number, end: number): void => {
    starts.push(start);
    ends.push(end);
    kinds.push(kind);
  };
  const n = text.length;
  // The brace depth at which each open `${` of a template goes back to the template's text.
  const templates: number[] = [];
  let depth = 0;
  let regexAllowed = true;
  // A `/` whose regular expression found no closing `/` before the line's end is a division, and so
  // is every other `/` up to that line break: each line is scanned for a closing `/` once at most.
  let noRegexBefore = 0;
  let i = 0;
  /** A template's text from `from` (its '`', or after the `}` of a `${`), scanned from `j` up to its end or its next `${`. */
  const templateText = (from: number, j: number): void => {
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === 92 /* \ */) j += 2;
      else if (c === 96 /* ` */) {
        add(LITERAL, from, j + 1);
        i = j + 1;
        regexAllowed = false;
        return;
      } else if (c === 36 /* $ */ && text.charCodeAt(j + 1) === 123 /* { */) {
        add(LITERAL, from, j + 2);
        templates.push(depth);
        depth++;
        i = j + 2;
        regexAllowed = true;
        return;
      } else j++;
    }
    add(LITERAL, from, n);
    i = n;
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
    } else if (c === 47 /* / */) {
      const next = text.charCodeAt(i + 1);
      if (next === 47) {
        const end = text.indexOf('\n', i + 2);
        add(COMMENT, i, end < 0 ? n : end);
        i = end < 0 ? n : end;
      } else if (next === 42 /* * */) {
        const close = text.indexOf('*/', i + 2);
        const end = close < 0 ? n : close + 2;
        add(COMMENT, i, end);
        i = end;
      } else if (regexAllowed && i >= noRegexBefore) {
        let j = i + 1;
        let inClass = false;
        for (; j < n; j++) {
          const r = text.charCodeAt(j);
          if (r === 92) j++;
          else if (r === 10 || r === 13) break;
          else if (r === 91 /* [ */) inClass = true;
          else if (r === 93 /* ] */) inClass = false;
          else if (r === 47 && !inClass) break;
        }
        // A line break before the closing `/` is no regular expression: read the `/` as division.
        if (j < n && text.charCodeAt(j) === 47) {
          j++;
          while (j < n && isWordChar(text.charCodeAt(j))) j++;
          add(LITERAL, i, j);
          i = j;
          regexAllowed = false;
        } else {
          noRegexBefore = j;
          i++;
          regexAllowed = true;
        }
      } else {
        i++;
        regexAllowed = true;
      }
    } else if (c === 39 /* ' */ || c === 34 /* " */) {
      let j = i + 1;
      for (; j < n; j++) {
        const s = text.charCodeAt(j);
        if (s === 92) j++;
        else if (s === c || s === 10) break;
      }
      // An unclosed string ends at its line's end, the line break not in it.
      const end = j < n && text.charCodeAt(j) === c ? j + 1 : Math.min(j, n);
      add(LITERAL, i, end);
      i = end;
      regexAllowed = false;
    } else if (c === 96 /* ` */) {
      templateText(i, i + 1);
    } else if (c === 123 /* { */) {
      depth++;
      i++;
      regexAllowed = true;
    } else if (c === 125 /* } */) {
      depth--;
      if (templates.length > 0 && templates[templates.length - 1] === depth) {
        templates.pop();
        templateText(i + 1, i + 1);
      } else {
        i++;
        regexAllowed = false;
      }
    } else if (isWordChar(c)) {
      let j = i + 1;
      while (j < n && isWordChar(text.charCodeAt(j))) j++;
      regexAllowed = BEFORE_EXPRESSION.has(text.slice(i, j));
      i = j;
    } else {
      // `)` and `]` end an operand, as a word or a literal does; every other punctuator comes before one.
      regexAllowed = c !== 41 /* ) */ && c !== 93; /* ] */
      i++;
    }
  }
  return { starts, ends, kinds };
}

/** A character of a word (identifier, keyword, number): ASCII letters, digits, `_`, `$`, and any non-ASCII. */
function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36 || c > 127;
}
