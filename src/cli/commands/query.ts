import type { Command } from 'commander';
import { UsageError } from '../../errors.js';
import { ExitCode } from '../exit-codes.js';
import { Output, type OutputFlags } from '../output.js';
import { collect, failWith } from '../run-command.js';

interface QueryFlags extends OutputFlags {
  out?: string;
  param?: string[];
}

export type QueryParam = string | number | boolean | null;

/**
 * `--param k=v` values, typed: whole and decimal numbers, true/false, null; anything else, or a
 * value in quotes (`k='42'`), is a string. They reach Kuzu as parameters, never as query text.
 */
export function parseParams(raw: readonly string[]): Record<string, QueryParam> {
  const params: Record<string, QueryParam> = {};
  for (const item of raw) {
    const eq = item.indexOf('=');
    const name = eq < 0 ? '' : item.slice(0, eq).trim().replace(/^\$/, '');
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new UsageError(`--param needs name=value, got '${item}'`);
    params[name] = typedValue(item.slice(eq + 1));
  }
  return params;
}

/**
 * The `$name` parameters a Cypher text uses, in order of first use. String literals, quoted
 * identifiers and comments are skipped: a `$` there is text, not a parameter.
 */
export function queryParameters(cypher: string): string[] {
  const code = cypher.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`]*`|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, ' ');
  return [...new Set([...code.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!))];
}

/** Kuzu binds a missing parameter as null and answers with no rows: name them as an error instead. */
export function checkBound(cypher: string, params: Readonly<Record<string, QueryParam>>): void {
  const unbound = queryParameters(cypher).filter((name) => !(name in params));
  if (unbound.length === 0) return;
  const list = unbound.map((name) => `$${name}`).join(', ');
  const example = unbound.map((name) => `--param ${name}=…`).join(' ');
  throw new UsageError(`the query uses ${list} but no value was given: add ${example}`);
}

function typedValue(text: string): QueryParam {
  const quoted = /^(['"])(.*)\1$/s.exec(text);
  if (quoted) return quoted[2]!;
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === 'null') return null;
  if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text)) {
    const n = Number(text);
    if (Number.isFinite(n) && (!Number.isInteger(n) || Number.isSafeInteger(n))) return n;
  }
  return text;
}

export function registerQueryCommand(program: Command): void {
  program
    .command('query')
    .description('run a read-only Cypher query against graph.kuzu and print the rows')
    .argument('<cypher>', 'the query, e.g. "MATCH (f:Function) RETURN f.name LIMIT 5"')
    .argument('[repo]', 'the indexed repository (default: the current folder)')
    .option('-o, --out <dir>', 'output folder holding graph.kuzu (default: <repo>/.codegraph)')
    .option('-p, --param <name=value>', 'a query parameter $name (repeatable; numbers, true/false and null are typed, quote to force a string)', collect, undefined)
    .option('--json', 'print { columns, rows } as one JSON document on stdout')
    .option('-q, --quiet', 'print nothing but errors')
    .option('--debug', 'print stack traces of errors')
    .addHelpText('after', '\nThe database is opened read-only: write statements fail.\nExit codes: 0 ok; 2 no database, syntax error, unbound $parameter, write attempt or failed query.')
    .action(async (cypher: string, repo: string | undefined, flags: QueryFlags) => {
      const output = new Output(flags);
      try {
        const params = parseParams(flags.param ?? []);
        checkBound(cypher, params);
        const [{ resolveOutDir }, { recoverOutput, outputPaths }, { KuzuReader }, { renderTable }] = await Promise.all([
          import('../../storage/output-reader.js'),
          import('../../storage/output-dir.js'),
          import('../../storage/kuzu-reader.js'),
          import('../../report/table.js'),
        ]);
        const outDir = resolveOutDir(repo, flags.out, process.env);
        await recoverOutput(outDir);
        const reader = await KuzuReader.open(outputPaths(outDir).graphKuzu);
        let result;
        try {
          result = await reader.query(cypher, params);
        } finally {
          await reader.close();
        }
        if (flags.json) {
          const rows = result.rows.map((row) => Object.fromEntries(result.columns.map((c, i) => [c, row[i]])));
          output.json({ columns: result.columns, rows });
        } else {
          output.result(renderTable(result.columns, result.rows.map((row) => row.map(cell))));
          output.info(`(${result.rows.length} ${result.rows.length === 1 ? 'row' : 'rows'})`);
        }
        process.exitCode = ExitCode.ok;
      } catch (error) {
        process.exitCode = failWith(output, error);
      }
    });
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
