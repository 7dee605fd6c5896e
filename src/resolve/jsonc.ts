/**
 * A small tolerant parser for the JSON dialect tsconfig.json files use: `//` and `/* *\/`
 * comments and trailing commas are allowed, everything else is strict JSON. Pure: text in,
 * value or error out.
 */

export type JsoncResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string };

class JsoncError extends Error {}

export function parseJsonc(text: string): JsoncResult {
  const parser = new Parser(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  try {
    parser.skip();
    const value = parser.value();
    parser.skip();
    if (!parser.atEnd()) parser.fail('unexpected content after the value');
    return { ok: true, value };
  } catch (error) {
    if (error instanceof JsoncError) return { ok: false, error: error.message };
    throw error;
  }
}

/** Deeper nesting than any real config; keeps a hostile file from overflowing the stack. */
const MAX_DEPTH = 512;

class Parser {
  private pos = 0;
  private depth = 0;

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  fail(message: string): never {
    const before = this.text.slice(0, this.pos);
    const line = before.split('\n').length;
    const column = this.pos - before.lastIndexOf('\n');
    throw new JsoncError(`${message} at line ${line}, column ${column}`);
  }

  /** Skips whitespace and comments. */
  skip(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t[this.pos];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.pos++;
      else if (c === '/' && t[this.pos + 1] === '/') {
        const end = t.indexOf('\n', this.pos);
        this.pos = end < 0 ? t.length : end + 1;
      } else if (c === '/' && t[this.pos + 1] === '*') {
        const end = t.indexOf('*/', this.pos + 2);
        if (end < 0) this.fail('unterminated comment');
        this.pos = end + 2;
      } else break;
    }
  }

  value(): unknown {
    const c = this.text[this.pos];
    if (c === '{' || c === '[') {
      if (++this.depth > MAX_DEPTH) this.fail('nested too deeply');
      const value = c === '{' ? this.object() : this.array();
      this.depth--;
      return value;
    }
    if (c === '"') return this.string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return value;
      }
    }
    return this.fail(c === undefined ? 'unexpected end of input' : `unexpected character '${c}'`);
  }

  private object(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.pos++;
    this.skip();
    while (this.text[this.pos] !== '}') {
      if (this.text[this.pos] !== '"') this.fail('expected a property name');
      const key = this.string();
      this.skip();
      if (this.text[this.pos] !== ':') this.fail("expected ':'");
      this.pos++;
      this.skip();
      // defineProperty keeps a key like "__proto__" an ordinary property.
      Object.defineProperty(out, key, { value: this.value(), enumerable: true, writable: true, configurable: true });
      this.skip();
      if (this.text[this.pos] === ',') {
        this.pos++;
        this.skip();
      } else if (this.text[this.pos] !== '}') this.fail("expected ',' or '}'");
    }
    this.pos++;
    return out;
  }

  private array(): unknown[] {
    const out: unknown[] = [];
    this.pos++;
    this.skip();
    while (this.text[this.pos] !== ']') {
      out.push(this.value());
      this.skip();
      if (this.text[this.pos] === ',') {
        this.pos++;
        this.skip();
      } else if (this.text[this.pos] !== ']') this.fail("expected ',' or ']'");
    }
    this.pos++;
    return out;
  }

  private string(): string {
    const t = this.text;
    let out = '';
    let start = ++this.pos;
    while (true) {
      if (this.pos >= t.length) this.fail('unterminated string');
      const c = t[this.pos];
      if (c === '"') break;
      if (c === '\n') this.fail('line break in a string');
      if (c === '\\') {
        out += t.slice(start, this.pos);
        out += this.escape();
        start = this.pos;
      } else this.pos++;
    }
    out += t.slice(start, this.pos);
    this.pos++;
    return out;
  }

  private escape(): string {
    const c = this.text[this.pos + 1];
    this.pos += 2;
    switch (c) {
      case '"':
      case '\\':
      case '/':
        return c;
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'u': {
        const hex = this.text.slice(this.pos, this.pos + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('bad \\u escape');
        this.pos += 4;
        return String.fromCharCode(parseInt(hex, 16));
      }
      default:
        this.pos -= 2;
        return this.fail('bad escape in a string');
    }
  }

  private number(): number {
    const match = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(this.text.slice(this.pos, this.pos + 64));
    if (!match) this.fail('bad number');
    this.pos += match[0].length;
    return Number(match[0]);
  }
}
