import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { languageOf } from '../../../src/languages/language-id.js';
import type { CallSite, Definition, LocalBinding, ParsedUnit, Receiver, TypeRef } from '../../../src/model/parsed-unit.js';
import type { SourceFile } from '../../../src/model/source-file.js';

export const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');

/** The source files of a fixture repo, sorted by path, as the walk would give them. */
export function fixtureFiles(name: string): SourceFile[] {
  const root = join(FIXTURES, name);
  const out: SourceFile[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const absPath = join(dir, entry.name);
      if (entry.isDirectory()) stack.push(absPath);
      const language = languageOf(entry.name);
      if (entry.isFile() && language) {
        out.push({ relPath: relative(root, absPath).split(sep).join('/'), absPath, language, size: statSync(absPath).size });
      }
    }
  }
  return out.sort((a, b) => (a.relPath < b.relPath ? -1 : 1));
}

const ref = (r: TypeRef | undefined): string => (r ? `${r.path.join('.')}${r.array ? '[]' : ''}` : '');

function receiver(r: Receiver | undefined): string {
  if (!r) return '';
  switch (r.kind) {
    case 'path':
      return `${r.path.join('.')}.`;
    case 'require':
      return `require(${r.specifier}).`;
    case 'new':
      return `new ${ref(r.type)}().`;
    case 'call':
      return `${receiver(r.on)}${r.callee.join('.')}().`;
    case 'element':
      return `${receiver(r.of).slice(0, -1)}[…].`;
    default:
      return `<${r.kind}>.`;
  }
}

function binding(b: LocalBinding): string {
  if (b.kind === 'definition') return `definition ${b.id}`;
  if (b.kind === 'local') return b.type ? `local: ${ref(b.type)}` : 'local';
  return 'free';
}

function definition(d: Definition): string {
  const parts = [`${d.id} [${d.startLine}-${d.endLine}]${d.exported ? ' exported' : ''}`];
  if (d.ownerId) parts.push(`ownerId=${d.ownerId}`);
  else if (d.owner) parts.push(`owner=${d.owner}`);
  if (d.enclosingId) parts.push(`enclosing=${d.enclosingId}`);
  if (d.unbound) parts.push('unbound');
  if (d.aliasOf) parts.push(`alias=${d.aliasOf.join('.')}`);
  const props = Object.entries(d.properties ?? {})
    .filter(([k]) => k !== 'owner' && k !== 'enclosingFunction')
    .map(([k, v]) => `${k}=${String(v)}`);
  if (props.length > 0) parts.push(`{${props.join(', ')}}`);
  if (d.returnType) parts.push(`returns ${ref(d.returnType)}`);
  for (const h of d.heritage ?? []) parts.push(`${h.relation} ${h.ref ? ref(h.ref) : `<${h.unresolvable}>`} "${h.text}" L${h.line}`);
  for (const { name: field, type } of d.fieldTypes ?? []) parts.push(`field ${field}: ${ref(type)}`);
  return parts.join(' ');
}

function call(c: CallSite): string {
  const flags = `${c.isNew ? 'new ' : ''}${receiver(c.receiver)}${c.name}(${c.optional ? '?' : ''})`;
  return `L${c.line} ${c.callerId} -> ${flags} ${binding(c.binding)}`;
}

/** A readable, line-per-fact rendering of ParsedUnits for golden files reviewed by eye. */
export function renderUnits(units: readonly ParsedUnit[]): string {
  const lines: string[] = [];
  for (const u of units) {
    const status = u.status.kind === 'skipped' ? `skipped ${u.status.reason}` : u.status.syntaxErrorLine ? `parsed, syntax error at L${u.status.syntaxErrorLine}` : 'parsed';
    lines.push(`# ${u.file.relPath} (${u.file.language}) ${status}, ${u.lines} lines, hash ${u.hash ? u.hash.slice(0, 12) : '-'}`);
    for (const d of u.diagnostics) lines.push(`diagnostic ${d.severity} ${d.code}${d.line ? ` L${d.line}` : ''}: ${d.message}`);
    for (const d of u.definitions) lines.push(`def ${definition(d)}`);
    for (const i of u.imports) {
      const names = i.bindings.map((b) => `${b.local}<-${b.imported}${b.typeOnly ? ' (type)' : ''}`).join(', ');
      lines.push(`import ${i.kind} '${i.specifier}' L${i.line}${names ? ` {${names}}` : ''}`);
    }
    for (const e of u.exports) lines.push(`export ${e.name}${e.local ? ` = ${e.local}` : ''}${e.definitionId ? ` (${e.definitionId})` : ''} L${e.line}`);
    for (const c of u.calls) lines.push(`call ${call(c)}`);
    for (const m of u.moduleBindings) lines.push(`binding ${m.name}${m.type ? `: ${ref(m.type)}` : ''}`);
    lines.push('');
  }
  return lines.join('\n');
}
