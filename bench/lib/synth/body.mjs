// Function and method bodies: a few statements, each calling something in scope.
import { VERBS, NOUNS } from './names.mjs';

/** Turns a callable from the scope into a call expression on `arg`. */
export function callExpr(rand, callable, arg) {
  switch (callable.kind) {
    case 'fn': return `${callable.name}(${arg})`;
    case 'ns': return `${callable.ns}.${callable.name}(${arg})`;
    case 'class': return `new ${callable.name}(${rand.chance(0.5) ? '{}' : ''}).${rand.pick(callable.methods)}(${arg})`;
    case 'nsclass': return `new ${callable.ns}.${callable.name}().${rand.pick(callable.methods)}(${arg})`;
    case 'this': return `this.${callable.name}(${arg})`;
    case 'super': return `super.${callable.name}(${arg})`;
    default: throw new Error(`unknown callable ${callable.kind}`);
  }
}

const STATEMENTS = [
  (rand, call, v, ind, ctx) => [
    `${ind}const ${v} = ${ctx.await}${call('input')};`,
    `${ind}if (${v} == null) {`,
    `${ind}  return ${rand.pick(['null', 'undefined', '[]', 'input'])};`,
    `${ind}}`,
  ],
  (rand, call, v, ind) => [
    `${ind}const ${v} = [];`,
    `${ind}for (const entry of Array.isArray(input) ? input : [input]) {`,
    `${ind}  ${v}.push(${call('entry')});`,
    `${ind}}`,
  ],
  (rand, call, v, ind) => [
    `${ind}const ${v} = [input].flat().map((item) => ${call('item')}).filter(Boolean);`,
  ],
  (rand, call, v, ind) => [
    `${ind}let ${v} = 0;`,
    `${ind}try {`,
    `${ind}  ${call(`{ input, attempt: ${rand.int(1, 5)} }`)};`,
    `${ind}  ${v} += 1;`,
    `${ind}} catch (error) {`,
    `${ind}  console.warn(\`${rand.pick(VERBS)} ${rand.pick(NOUNS)} failed after \${${v}} attempts\`, error);`,
    `${ind}}`,
  ],
  (rand, call, v, ind) => [
    `${ind}const ${v} = options && typeof options === 'object' ? { ...options } : {};`,
    `${ind}if (Object.keys(${v}).length > ${rand.int(1, 4)}) {`,
    `${ind}  ${call(v)};`,
    `${ind}}`,
  ],
  (rand, call, v, ind) => [
    `${ind}const ${v} = ${call('input')} ?? ${call(`'${rand.pick(NOUNS)}'`)};`,
  ],
];

const TAILS = [
  (vars) => `return ${vars[vars.length - 1] ?? 'input'};`,
  (vars) => `return { input, ${vars.slice(0, 2).join(', ')} };`,
  (vars) => `return [${vars.join(', ')}].filter((value) => value !== undefined);`,
];

/**
 * Emits body lines. `scope` is the list of callables visible here; `self` is excluded
 * so bodies do not all recurse into themselves.
 */
export function emitBody(rand, scope, { indent, self, isAsync }) {
  const usable = scope.filter((c) => !(c.kind === 'fn' && c.name === self));
  const count = rand.int(1, 3);
  const lines = [];
  const vars = [];
  const ctx = { await: isAsync ? 'await ' : '' };
  for (let i = 0; i < count; i++) {
    const v = `${rand.pick(['result', 'value', 'items', 'record', 'state', 'next', 'count', 'batch'])}${i}`;
    const callable = usable.length > 0 ? rand.pick(usable) : null;
    const call = (arg) => (callable ? callExpr(rand, callable, arg) : `String(${arg})`);
    lines.push(...rand.pick(STATEMENTS)(rand, call, v, indent, ctx));
    vars.push(v);
  }
  lines.push(indent + rand.pick(TAILS)(vars));
  return lines;
}
