// Turns one planned file into source text (TypeScript, ESM JavaScript or CommonJS).
import { emitBody } from './body.mjs';
import { exportedNames } from './plan.mjs';
import { capitalize, pascal } from './names.mjs';

const EXTERNALS = [
  { esm: "import { readFile } from 'node:fs/promises';", cjs: "const { readFile } = require('node:fs/promises');" },
  { esm: "import path from 'node:path';", cjs: "const path = require('node:path');" },
  { esm: "import { EventEmitter } from 'node:events';", cjs: "const { EventEmitter } = require('node:events');" },
];

function scopeFromImports(file) {
  const scope = [];
  for (const imp of file.imports) {
    const t = imp.target;
    if (imp.namespace) {
      for (const name of exportedNames(t).values) {
        const fn = t.functions.find((f) => f.name === name);
        if (fn) scope.push({ kind: 'ns', ns: imp.namespace, name });
        const cls = t.classes.find((c) => c.name === name);
        if (cls) scope.push({ kind: 'nsclass', ns: imp.namespace, name, methods: cls.methods });
      }
      continue;
    }
    for (const name of imp.names) {
      if (t.functions.some((f) => f.name === name)) scope.push({ kind: 'fn', name });
      const cls = t.classes.find((c) => c.name === name);
      if (cls) scope.push({ kind: 'class', name, methods: allMethods(cls) });
    }
  }
  return scope;
}

/** A class's own methods plus those it must implement from its interfaces. */
export function allMethods(cls) {
  const out = new Set(cls.methods);
  const visit = (iface) => {
    for (const m of iface.methods) out.add(m);
    if (iface.base) visit(iface.base);
  };
  cls.implements.forEach(visit);
  return [...out];
}

function emitImports(rand, file, lines) {
  const typed = file.lang === 'ts';
  if (rand.chance(0.2)) {
    const ext = rand.pick(EXTERNALS);
    lines.push(file.lang === 'cjs' ? ext.cjs : ext.esm);
  }
  for (const imp of file.imports) {
    const spec = `'${imp.specifier}'`;
    if (file.lang === 'cjs') {
      if (imp.namespace) lines.push(`const ${imp.namespace} = require(${spec});`);
      else lines.push(`const { ${imp.names.join(', ')} } = require(${spec});`);
      continue;
    }
    if (imp.namespace) lines.push(`import * as ${imp.namespace} from ${spec};`);
    else if (imp.names.length > 0) lines.push(`import { ${imp.names.join(', ')} } from ${spec};`);
    if (typed && imp.typeNames.length > 0) lines.push(`import type { ${imp.typeNames.join(', ')} } from ${spec};`);
  }
}

function emitTypes(rand, file, lines) {
  for (const iface of file.interfaces) {
    lines.push('', `/** Contract for ${iface.name.replace(/([A-Z])/g, ' $1').trim().toLowerCase()}s. */`);
    lines.push(`export interface ${iface.name}${iface.base ? ` extends ${iface.base.name}` : ''} {`);
    lines.push(`  label?: string;`);
    for (const m of iface.methods) lines.push(`  ${m}(input: unknown, options?: Record<string, unknown>): unknown;`);
    lines.push('}');
  }
  for (const t of file.types) {
    lines.push('');
    if (t.shape === 0) lines.push(`export type ${t.name} = string & { readonly __brand: '${t.name}' };`);
    else if (t.shape === 1) lines.push(`export type ${t.name} = 'draft' | 'active' | 'closed' | 'archived';`);
    else lines.push(`export type ${t.name}<T = unknown> =`, `  | { ok: true; value: T; receivedAt: number }`, `  | { ok: false; error: Error };`);
  }
  for (const e of file.enums) {
    lines.push('', `export enum ${e.name} {`);
    for (const m of e.members) lines.push(`  ${m} = '${m.toLowerCase()}',`);
    lines.push('}');
  }
}

function emitConsts(rand, file, lines, exportKeyword) {
  for (const c of file.consts) {
    let value;
    if (c.name.endsWith('_OPTIONS')) value = `{ limit: ${rand.int(10, 500)}, retries: ${rand.int(1, 5)}, strict: ${rand.chance(0.5)} }`;
    else if (c.name.endsWith('_PREFIX')) value = `'${file.noun}:'`;
    else value = String(rand.int(1, 60) * 100);
    lines.push(`${exportKeyword}const ${c.name} = ${value};`);
  }
  if (rand.chance(0.4)) lines.push(`const ${file.noun}Lookup = new Map();`);
}

function signature(file, fnName, isMethod) {
  if (file.lang === 'ts') return `${fnName}(input: unknown, options: Record<string, unknown> = {})`;
  return `${fnName}(input, options = {})`;
}

function emitFunctions(rand, file, scope, lines) {
  const typed = file.lang === 'ts';
  for (const fn of file.functions) {
    const exp = fn.exported && file.lang !== 'cjs' ? 'export ' : '';
    const asyncKw = fn.async ? 'async ' : '';
    lines.push('');
    if (!typed) lines.push('/**', ` * ${capitalize(fn.name.replace(/([A-Z])/g, ' $1').toLowerCase())}.`, ' * @param {unknown} input', ' * @param {Record<string, unknown>} [options]', ' */');
    else if (rand.chance(0.5)) lines.push(`/** ${capitalize(fn.name.replace(/([A-Z])/g, ' $1').toLowerCase())}. */`);
    const params = signature(file, '', false);
    if (fn.arrow) lines.push(`${exp}const ${fn.name} = ${asyncKw}${params} => {`);
    else lines.push(`${exp}${asyncKw}function ${fn.name}${params} {`);
    lines.push(...emitBody(rand, scope, { indent: '  ', self: fn.name, isAsync: fn.async }));
    lines.push(fn.arrow ? '};' : '}');
  }
}

function emitClasses(rand, file, scope, lines) {
  const typed = file.lang === 'ts';
  for (const cls of file.classes) {
    const exp = file.lang !== 'cjs' ? 'export ' : '';
    const ext = cls.base ? ` extends ${cls.base.name}` : '';
    const impl = typed && cls.implements.length > 0 ? ` implements ${cls.implements.map((i) => i.name).join(', ')}` : '';
    lines.push('', `/** ${pascal(file.name)} for the ${file.folder.area} area. */`);
    lines.push(`${exp}class ${cls.name}${ext}${impl} {`);
    if (typed) lines.push(`  protected readonly cache = new Map<string, unknown>();`, `  protected settings: Record<string, unknown>;`, '');
    else lines.push(`  cache = new Map();`, '');
    lines.push(typed ? `  constructor(settings: Record<string, unknown> = {}) {` : `  constructor(settings = {}) {`);
    if (cls.base) lines.push(`    super(settings);`);
    lines.push(`    this.settings = { ...settings };`, '  }');
    const methods = allMethods(cls);
    const baseMethods = cls.base ? allMethods(cls.base) : [];
    for (const m of methods) {
      const inner = [
        ...scope,
        ...methods.filter((other) => other !== m).map((name) => ({ kind: 'this', name })),
        ...baseMethods.filter(() => rand.chance(0.3)).map((name) => ({ kind: 'super', name })),
      ];
      const isAsync = rand.chance(0.2);
      lines.push('', `  ${isAsync ? 'async ' : ''}${signature(file, m, true)} {`);
      lines.push(...emitBody(rand, inner, { indent: '    ', self: m, isAsync }));
      lines.push('  }');
    }
    lines.push('}');
  }
}

function emitCjsExports(rand, file, lines) {
  const names = exportedNames(file).values;
  lines.push('');
  if (rand.chance(0.5)) {
    lines.push('module.exports = {', ...names.map((n) => `  ${n},`), '};');
  } else {
    for (const n of names) lines.push(`module.exports.${n} = ${n};`);
  }
}

function emitBarrel(rand, barrel) {
  const lines = [`// Public surface of ${barrel.folder.dir}.`];
  const members = [...barrel.reexports].sort((a, b) => a.index - b.index);
  if (barrel.lang === 'cjs') {
    lines.push('module.exports = {');
    for (const m of members) lines.push(`  ...require('./${m.name}.cjs'),`);
    lines.push('};');
    return lines;
  }
  for (const m of members) {
    const spec = barrel.lang === 'ts' && m.lang === 'ts' && rand.chance(0.5) ? `./${m.name}` : `./${m.name}.js`;
    if (barrel.star.has(m)) lines.push(`export * from '${spec}';`);
    else lines.push(`export { ${exportedNames(m).values.join(', ')} } from '${spec}';`);
  }
  if (members.length === 0) lines.push('export {};');
  return lines;
}

/** Source text of one planned file. Randomness comes from `rand`, consumed in a fixed order. */
export function emitFile(rand, file) {
  if (file.isBarrel) return emitBarrel(rand, file).join('\n') + '\n';
  const lines = [`// ${pascal(file.name)}: ${file.noun} ${file.name.split('-')[1]} for ${file.folder.dir.slice(4)}.`];
  if (file.lang === 'cjs') lines.push("'use strict';");
  lines.push('');
  emitImports(rand, file, lines);
  const scope = [
    ...scopeFromImports(file),
    ...file.functions.map((f) => ({ kind: 'fn', name: f.name })),
    ...file.classes.map((c) => ({ kind: 'class', name: c.name, methods: allMethods(c) })),
  ];
  lines.push('');
  emitConsts(rand, file, lines, file.lang === 'cjs' ? '' : 'export ');
  if (file.lang === 'ts') emitTypes(rand, file, lines);
  emitFunctions(rand, file, scope, lines);
  emitClasses(rand, file, scope, lines);
  if (file.lang === 'cjs') emitCjsExports(rand, file, lines);
  return lines.join('\n') + '\n';
}
