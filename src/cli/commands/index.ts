import { stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import {
  CONFIG_FILE,
  DEFAULTS,
  ENVIRONMENT_VARIABLES,
  resolveIndexOptions,
  settingsFromConfig,
  settingsFromEnv,
  type IndexOptions,
  type IndexSettings,
} from '../../config/options.js';
import { InterruptedError, UsageError } from '../../errors.js';
import { renderIndexReport } from '../../report/text.js';
import { renderValidationSummary, renderValidationText } from '../../report/validation-text.js';
import type { ValidationReport } from '../../validate/validate-output.js';
import { ExitCode } from '../exit-codes.js';
import { Output, type OutputFlags } from '../output.js';
import { readConfigJson } from '../config-file.js';
import { progressRenderer } from '../progress.js';
import { collect, countArgument, failWith } from '../run-command.js';
import { phaseMemoryHooks, tuneV8ForIndexing } from '../v8-tuning.js';

/** Commander's parsed flags: the index settings plus the output switches. */
type IndexFlags = IndexSettings & OutputFlags;

export function registerIndexCommand(program: Command): void {
  program
    .command('index')
    .description('index a repository: walk, parse, resolve imports and calls; write graph.json and graph.kuzu; validate')
    .argument('<repo>', 'path of the repository to index')
    .option('-o, --out <dir>', 'output folder (default: <repo>/.codegraph)')
    .option('--kuzu', 'write the Kuzu database too (the default; overrides the environment and config file)')
    .option('--no-kuzu', `write graph.json only, no Kuzu database (env ${ENVIRONMENT_VARIABLES.kuzu}=0)`)
    .option('--batch-size <n>', `rows encoded per write of a Kuzu COPY file; each table is one COPY (default: ${DEFAULTS.batchSize})`, countArgument('--batch-size'))
    .option('--validate', 'validate graph.json against graph.kuzu after writing (the default)')
    .option('--no-validate', 'skip the consistency validation after writing')
    .option('--include <glob>', 'index only files matching this glob (repeatable)', collect, undefined)
    .option('--exclude <glob>', 'skip files matching this glob (repeatable)', collect, undefined)
    .option('--allow-degraded', 'exit 0 instead of 3 when graph.json was written but Kuzu failed')
    .option('--workers <n>', `parser worker threads (default: the core count, ${os.availableParallelism()} here)`, countArgument('--workers'))
    .option('--max-file-size <bytes>', `skip files larger than this (default: ${DEFAULTS.maxFileSize})`, countArgument('--max-file-size'))
    .option('--incremental', "reuse the last run's parse of unchanged files (the default)")
    .option('--no-incremental', 're-parse every file instead of reusing unchanged ones from the last run')
    .option('--json', 'print the run report as one JSON document on stdout')
    .option('-q, --quiet', 'print nothing but errors')
    .option('--debug', 'print stack traces of errors')
    .addHelpText(
      'after',
      `\nSettings also come from ${CONFIG_FILE} in the repository and from environment variables\n` +
        `(${Object.values(ENVIRONMENT_VARIABLES).join(', ')});\nflags win over the environment, the environment over the file.\n\n` +
        'Exit codes: 0 ok; 1 validation found an inconsistency; 2 usage or input error;\n' +
        '3 degraded (graph.json complete, Kuzu failed; --allow-degraded makes it 0).',
    )
    .action(async (repo: string, flags: IndexFlags, command: Command) => {
      const output = new Output(flags);
      try {
        const options = await indexOptions(repo, flags, command);
        process.exitCode = await runIndexCommand(options, output);
      } catch (error) {
        process.exitCode = failWith(output, error);
      }
    });
}

async function indexOptions(repo: string, flags: IndexFlags, command: Command): Promise<IndexOptions> {
  const fromCli = (name: keyof IndexSettings): boolean => command.getOptionValueSource(name) === 'cli';
  const cliSettings: IndexSettings = {};
  for (const key of Object.keys(ENVIRONMENT_VARIABLES) as (keyof IndexSettings)[]) {
    if (fromCli(key)) (cliSettings as Record<string, unknown>)[key] = flags[key];
  }
  return repoIndexOptions(repo, cliSettings);
}

/** The options `index` would use for `repo`: these flags over the environment over codegraph.config.json. */
export async function repoIndexOptions(repo: string, cliSettings: IndexSettings): Promise<IndexOptions> {
  const root = path.resolve(repo);
  const info = await stat(root).catch(() => undefined);
  if (!info) throw new UsageError(`no such folder: ${repo}`);
  if (!info.isDirectory()) throw new UsageError(`not a folder: ${repo} (give the repository's root folder)`);
  return resolveIndexOptions({
    repo,
    cwd: process.cwd(),
    flags: cliSettings,
    env: settingsFromEnv(process.env),
    file: await readConfigFile(root),
    cores: os.availableParallelism(),
  });
}

async function readConfigFile(root: string): Promise<IndexSettings> {
  const content = await readConfigJson(root);
  return content === undefined ? {} : settingsFromConfig(content, CONFIG_FILE);
}

async function runIndexCommand(options: IndexOptions, output: Output): Promise<number> {
  tuneV8ForIndexing();
  // Loaded here so that --help and the other commands do not load the parser and Kuzu.
  const [{ runIndex }, { emergencyRelease }, { indexValidator }] = await Promise.all([
    import('../../orchestrator/run.js'),
    import('../../storage/output-dir.js'),
    import('../validate-staged.js'),
  ]);
  const progress = progressRenderer(output);
  const validator = options.validate ? indexValidator() : undefined;
  const controller = new AbortController();
  // A signal stops the run at once (runIndex unwinds within a second); whichever way it ends, the
  // user sees the same one line, once, and the process exits with 130/143.
  let stopping = false;
  const stop = (signal: NodeJS.Signals, committed: boolean): never => {
    progress.stop();
    validator?.dispose();
    if (!stopping) output.error(stoppedMessage(signal, committed, options.outDir));
    stopping = true;
    // Reads the stopped run left behind (a walk, hashing) must not hold the process open.
    process.exit(signal === 'SIGINT' ? ExitCode.interrupted : ExitCode.terminated);
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    controller.abort(signal);
    // Last resort, for a run stuck where it cannot see the signal: leave the folder as it was.
    setTimeout(() => {
      void emergencyRelease(options.outDir).then((committed) => stop(signal, committed));
    }, FORCED_EXIT_MS).unref();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const { report } = await runIndex(options, {
      listener: progress,
      keepGraph: false,
      ...phaseMemoryHooks(),
      signal: controller.signal,
      ...(validator ? { validate: (outDir: string, o: { kuzu: boolean }) => validator.validate(outDir, o) } : {}),
    });
    progress.stop();
    if (output.flags.json) output.json(report);
    else output.result(renderIndexReport(report, output.color, validationText(report.validation)));
    return report.exitCode;
  } catch (error) {
    progress.stop();
    if (error instanceof InterruptedError) stop(error.signal, error.committed);
    throw error;
  } finally {
    validator?.dispose();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

/** How long a stopped run may take to unwind before the process leaves anyway. */
const FORCED_EXIT_MS = 2000;

/** The one line a stopped run ends with. */
function stoppedMessage(signal: NodeJS.Signals, committed: boolean, outDir: string): string {
  return committed
    ? `stopped by ${signal} during validation; the new output in ${outDir} is written but not validated: run codegraph validate`
    : `stopped by ${signal}; the previous output in ${outDir} is unchanged`;
}

function validationText(validation: unknown): string | undefined {
  if (!validation) return undefined;
  const report = validation as ValidationReport;
  return report.consistent ? renderValidationSummary(report) : renderValidationText(report);
}
