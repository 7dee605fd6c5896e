import { Option, type Command } from 'commander';
import { UsageError } from '../../errors.js';
import type { Answer } from '../../query/questions.js';
import type { QueryStore } from '../../query/store.js';
import type { StoreOption } from '../../query/open-store.js';
import type { GraphFormat } from '../../report/question-graph.js';
import { Output, type OutputFlags } from '../output.js';
import { countArgument, failWith } from '../run-command.js';

interface QuestionFlags extends OutputFlags {
  out?: string;
  store?: StoreOption;
  format: 'text' | GraphFormat;
  depth?: number;
  all?: boolean;
}

type Ask = (store: QueryStore) => Promise<Answer>;

interface QuestionSpec {
  readonly name: string;
  readonly args: readonly [string, string][];
  readonly description: string;
  /** The default --depth; absent: the command has no --depth. */
  readonly depth?: { readonly default: number; readonly help: string };
  readonly symbols: boolean;
  readonly ask: (args: readonly string[], flags: QuestionFlags) => Promise<Ask>;
}

const SYMBOL_HELP = 'a name, Class.method, file.ts:name or a node id';

const SPECS: readonly QuestionSpec[] = [
  {
    name: 'find',
    args: [['<name>', "a name or a glob ('parse*', 'Cart.*')"]],
    description: 'the definitions with a name or matching a glob, with label, file and line',
    symbols: false,
    ask: async ([name]) => {
      const { find } = await import('../../query/questions.js');
      return (store) => find(store, name!);
    },
  },
  ...(['callers', 'callees'] as const).map(
    (name): QuestionSpec => ({
      name,
      args: [['<symbol>', SYMBOL_HELP]],
      description: name === 'callers' ? 'who calls a function, method or class (new X())' : 'what a function, method, class or file calls',
      depth: { default: 1, help: 'follow calls this many steps (each result once, at its shortest distance)' },
      symbols: true,
      ask: async ([symbol], flags) => {
        const { calls } = await import('../../query/questions.js');
        return (store) => calls(store, name === 'callers' ? 'in' : 'out', symbol!, { depth: flags.depth ?? 1, all: flags.all });
      },
    }),
  ),
  {
    name: 'impact',
    args: [['<target>', `a file, or ${SYMBOL_HELP}`]],
    description: 'what a change reaches: callers, importers of its file, subclasses and implementers, transitively, by distance and file',
    depth: { default: Infinity, help: 'follow this many steps (default: all)' },
    symbols: true,
    ask: async ([target], flags) => {
      const { impact } = await import('../../query/questions.js');
      return (store) => impact(store, target!, { depth: flags.depth ?? Infinity, all: flags.all });
    },
  },
  {
    name: 'deps',
    args: [['<file>', 'a file path, whole or its last segments (cart.ts, orders/cart.ts)']],
    description: 'what a file imports and what imports it, and the packages outside the repository it uses',
    depth: { default: 1, help: 'follow imports this many steps' },
    symbols: true,
    ask: async ([file], flags) => {
      const { deps } = await import('../../query/questions.js');
      return (store) => deps(store, file!, { depth: flags.depth ?? 1, all: flags.all });
    },
  },
  {
    name: 'path',
    args: [
      ['<from>', `a file, or ${SYMBOL_HELP}`],
      ['<to>', `a file, or ${SYMBOL_HELP}`],
    ],
    description: 'a shortest chain of CALLS and IMPORTS from one symbol or file to another, or "no path"',
    symbols: true,
    ask: async ([from, to], flags) => {
      const { path } = await import('../../query/questions.js');
      return (store) => path(store, from!, to!, { all: flags.all });
    },
  },
];

export function registerQuestionCommands(program: Command): void {
  for (const spec of SPECS) {
    const command = program.command(spec.name).description(spec.description);
    for (const [arg, help] of spec.args) command.argument(arg, help);
    if (spec.depth) command.option('-d, --depth <n>', `${spec.depth.help}${Number.isFinite(spec.depth.default) ? ` (default: ${spec.depth.default})` : ''}`, countArgument('--depth'));
    if (spec.symbols) command.option('--all', 'when a name matches several symbols, answer for all of them instead of listing them');
    command
      .option('-o, --out <dir>', 'output folder holding graph.json and graph.kuzu (default: ./.codegraph)')
      .addOption(new Option('--store <store>', 'the store to answer from; both: answer from each and compare (default: graph.kuzu when current, else graph.json)').choices(['kuzu', 'json', 'both']))
      .addOption(new Option('--format <format>', 'text, or a drawing of the answer to paste into a pull request or render with Graphviz').choices(['text', 'mermaid', 'dot']).default('text'))
      .option('--json', 'print the answer as one JSON document on stdout (rows carry the node id of graph.json)')
      .option('-q, --quiet', 'print nothing but errors')
      .option('--debug', 'print stack traces of errors')
      .addHelpText('after', '\nExit codes: 0 answered (a path command that finds no path included); 1 --store both and the stores answer differently; 2 unknown or ambiguous name, nothing to read, bad flag.')
      .action(async (...params: unknown[]) => {
        const args = params.slice(0, spec.args.length) as string[];
        const flags = params[spec.args.length] as QuestionFlags;
        const output = new Output(flags);
        try {
          if (flags.json && flags.format !== 'text') throw new UsageError(`--json and --format ${flags.format} cannot be combined: pick one`);
          const ask = await spec.ask(args, flags);
          const { answerQuestion } = await import('../answer-question.js');
          process.exitCode = await answerQuestion(output, flags, ask);
        } catch (error) {
          process.exitCode = failWith(output, error);
        }
      });
  }
}
