import { Command, Option } from 'commander';
import { UsageError } from '../../errors.js';
import { ExitCode } from '../exit-codes.js';
import { Output, type OutputFlags } from '../output.js';
import { progressRenderer } from '../progress.js';
import { countArgument, failWith } from '../run-command.js';

interface DiffFlags extends OutputFlags {
  base?: string;
  out?: string;
  depth: number;
  top: number;
  limit: number;
  format: 'text' | 'markdown' | 'mermaid' | 'json';
}

export function registerDiffCommand(program: Command): void {
  program
    .command('diff')
    .description('what a change did to the graph: definitions, relationships, fan-in, import cycles, unresolved imports, impact')
    .argument('[paths...]', '<base-out> <head-out>: two output folders; with --base: [repo] (default: the current folder)')
    .option('--base <rev>', 'compare the git revision <rev> of the repository with its working tree (both indexed here)')
    .option('-o, --out <dir>', "with --base: the working tree's output folder (default: <repo>/.codegraph)")
    .option('--depth <n>', 'steps of callers and importers the impact follows', countArgument('--depth'), 3)
    .option('--top <n>', 'symbols listed whose fan-in changed most', countArgument('--top'), 10)
    .option('--limit <n>', 'items listed per section in text and markdown (all are counted); nodes in mermaid', countArgument('--limit'), 20)
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'markdown', 'mermaid', 'json']).default('text'))
    .option('--json', 'print the whole diff as one JSON document on stdout (same as --format json)')
    .option('-q, --quiet', 'print nothing but errors')
    .option('--debug', 'print stack traces of errors')
    .addHelpText('after', '\nExit codes: 0 compared (changes or not); 2 an output is missing, unreadable, or of another graph format version.')
    .action(async (paths: string[], flags: DiffFlags) => {
      const json = flags.json === true || flags.format === 'json';
      const output = new Output({ ...flags, json });
      try {
        process.exitCode = await runDiff(paths, flags, json, output);
      } catch (error) {
        process.exitCode = failWith(output, error);
      }
    });
}

async function runDiff(paths: string[], flags: DiffFlags, json: boolean, output: Output): Promise<number> {
  let sides: { baseOut: string; headOut: string; baseLabel: string; headLabel: string };
  if (flags.base !== undefined) {
    if (paths.length > 1) throw new UsageError('diff --base takes at most one folder, the repository (default: the current folder)');
    if (flags.base === '') throw new UsageError('--base needs a git revision, e.g. --base origin/main');
    const { indexBaseAndHead } = await import('../diff-base.js');
    const progress = progressRenderer(output);
    try {
      sides = await indexBaseAndHead(paths[0] ?? '.', flags.base, flags.out, output, progress);
    } finally {
      progress.stop();
    }
  } else {
    if (paths.length !== 2) throw new UsageError('diff needs two output folders, <base-out> <head-out>, or --base <git-rev> [repo]');
    if (flags.out !== undefined) throw new UsageError('--out goes with --base; without it, give the two output folders');
    sides = { baseOut: paths[0]!, headOut: paths[1]!, baseLabel: paths[0]!, headLabel: paths[1]! };
  }
  const [{ openGraphLines }, { diffGraphs }, { unresolvedFromReport }] = await Promise.all([
    import('../../storage/graph-lines.js'),
    import('../../diff/compare.js'),
    import('../../diff/unresolved.js'),
  ]);
  const [base, head] = [await openGraphLines(sides.baseOut), await openGraphLines(sides.headOut)];
  const input = (side: typeof base, label: string) => {
    const unresolved = unresolvedFromReport(side.report?.diagnostics);
    return { label, root: side.root, batches: side.batches, ...(unresolved ? { unresolved } : {}) };
  };
  const diff = await diffGraphs(input(base, sides.baseLabel), input(head, sides.headLabel), { depth: flags.depth, top: flags.top });
  if (json) {
    output.json(diff);
  } else if (flags.format === 'markdown') {
    const { renderDiffMarkdown } = await import('../../report/diff-markdown.js');
    output.result(renderDiffMarkdown(diff, flags.limit));
  } else if (flags.format === 'mermaid') {
    const { renderDiffMermaid } = await import('../../report/diff-mermaid.js');
    output.result(renderDiffMermaid(diff, flags.limit));
  } else {
    const { renderDiffText } = await import('../../report/diff-text.js');
    output.result(renderDiffText(diff, flags.limit));
  }
  return ExitCode.ok;
}
