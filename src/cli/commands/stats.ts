import type { Command } from 'commander';
import { ExitCode } from '../exit-codes.js';
import { Output, type OutputFlags } from '../output.js';
import { countArgument, failWith } from '../run-command.js';

interface StatsFlags extends OutputFlags {
  out?: string;
  top: number;
}

export function registerStatsCommand(program: Command): void {
  program
    .command('stats')
    .description('counts by label and type, import and call resolution, the largest and most-connected files and symbols, the last run')
    .argument('[repo]', 'the indexed repository (default: the current folder)')
    .option('-o, --out <dir>', 'output folder (default: <repo>/.codegraph)')
    .option('--top <n>', 'entries in each top list', countArgument('--top'), 10)
    .option('--json', 'print the statistics as one JSON document on stdout')
    .option('-q, --quiet', 'print nothing but errors')
    .option('--debug', 'print stack traces of errors')
    .addHelpText('after', '\nReads graph.kuzu when the last run left it current, graph.json otherwise, and says which.\nExit codes: 0 ok; 2 nothing to read.')
    .action(async (repo: string | undefined, flags: StatsFlags) => {
      const output = new Output(flags);
      try {
        const [{ resolveOutDir }, { recoverOutput }, { collectStats }, { renderStatsText }] = await Promise.all([
          import('../../storage/output-reader.js'),
          import('../../storage/output-dir.js'),
          import('../../validate/collect-stats.js'),
          import('../../report/stats-text.js'),
        ]);
        const outDir = resolveOutDir(repo, flags.out, process.env);
        await recoverOutput(outDir);
        const report = await collectStats(outDir, flags.top);
        if (flags.json) output.json(report);
        else output.result(renderStatsText(report));
        process.exitCode = ExitCode.ok;
      } catch (error) {
        process.exitCode = failWith(output, error);
      }
    });
}
