// Reading a few fields of one graph.json item line without parsing the whole line: the json sink
// writes `{"id":"…","label":…` for nodes and `{"id":"…","type":"…","source":"…","target":"…",…`
// for relationships. A line of another shape, or with a backslash anywhere (an escaped character
// in some string), is parsed with JSON.parse: the fast path is a shortcut, never another answer.

const ID = '{"id":"';

/** End of the string whose content starts at `from`, when the line has no escapes: its closing quote. */
function close(line: string, from: number): number {
  return line.indexOf('"', from);
}

export function itemId(line: string): string {
  if (line.startsWith(ID) && line.indexOf('\\') < 0) {
    const end = close(line, ID.length);
    if (end > 0) return line.slice(ID.length, end);
  }
  return String((JSON.parse(line) as { id: unknown }).id);
}

export interface RelationshipFields {
  readonly id: string;
  readonly type: string;
  readonly source: string;
  readonly target: string;
}

export function relationshipFields(line: string): RelationshipFields {
  if (line.startsWith(ID) && line.indexOf('\\') < 0) {
    const idEnd = close(line, ID.length);
    const typeAt = idEnd + 10; // `","type":"`
    if (idEnd > 0 && line.startsWith('","type":"', idEnd)) {
      const typeEnd = close(line, typeAt);
      const sourceAt = typeEnd + 12; // `","source":"`
      if (typeEnd > 0 && line.startsWith('","source":"', typeEnd)) {
        const sourceEnd = close(line, sourceAt);
        const targetAt = sourceEnd + 12; // `","target":"`
        if (sourceEnd > 0 && line.startsWith('","target":"', sourceEnd)) {
          const targetEnd = close(line, targetAt);
          if (targetEnd > 0) {
            return { id: line.slice(ID.length, idEnd), type: line.slice(typeAt, typeEnd), source: line.slice(sourceAt, sourceEnd), target: line.slice(targetAt, targetEnd) };
          }
        }
      }
    }
  }
  const parsed = JSON.parse(line) as Record<string, unknown>;
  return { id: String(parsed['id']), type: String(parsed['type']), source: String(parsed['source']), target: String(parsed['target']) };
}

/**
 * Whether a relationship line is a CALLS or IMPORTS (the only types the impact and cycles need), so
 * that the other lines shared by both sides are not taken apart at all.
 */
export function callsOrImports(line: string, id: string): boolean {
  const at = ID.length + id.length;
  if (line.startsWith(ID) && line.charCodeAt(at) === 34 && line.indexOf('\\') < 0) {
    return line.startsWith('","type":"CALLS"', at) || line.startsWith('","type":"IMPORTS"', at);
  }
  const type = (JSON.parse(line) as { type?: unknown }).type;
  return type === 'CALLS' || type === 'IMPORTS';
}
