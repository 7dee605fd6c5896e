import type { Command } from 'commander';
import { ExitCode } from '../exit-codes.js';
import { Output, type OutputFlags } from '../output.js';
import { countArgument, failWith } from '../run-command.js';

interface ValidateFlags extends OutputFlags {
  out?: string;
  examples: number;
}

export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description('re-check an output: graph.json on its own, then against graph.kuzu node by node and relationship by relationship')
    .argument('[repo]', 'the indexed repository (default: the current folder)')
    .option('-o, --out <dir>', 'output folder (default: <repo>/.codegraph)')
    .option('--examples <n>', 'examples shown per kind of difference', countArgument('--examples'), 5)
    .option('--json', 'print the validation report as one JSON document on stdout')
    .option('-q, --quiet', 'print nothing but errors; the exit code tells')
    .option('--debug', 'print stack traces of errors')
    .addHelpText('after', '\nExit codes: 0 consistent; 1 inconsistent; 2 nothing to validate, or unreadable.')
    .action(async (repo: string | undefined, flags: ValidateFlags) => {
      const output = new Output(flags);
      try {
        const [{ resolveOutDir }, { recoverOutput }, { validateOutput }, { renderValidationText }] = await Promise.all([
          import('../../storage/output-reader.js'),
          import('../../storage/output-dir.js'),
          import('../../validate/validate-output.js'),
          import('../../report/validation-text.js'),
        ]);
        const outDir = resolveOutDir(repo, flags.out, process.env);
        await recoverOutput(outDir);
        const report = await validateOutput(outDir, { maxExamples: flags.examples });
        if (flags.json) output.json(report);
        else output.result(renderValidationText(report));
        process.exitCode = report.consistent ? ExitCode.ok : ExitCode.inconsistent;
      } catch (error) {
        process.exitCode = failWith(output, error);
      }
    });
}
