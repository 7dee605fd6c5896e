import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { CONFIG_FILE } from '../../config/options.js';
import { ConfigError } from '../../errors.js';
import { readConfigJson } from '../config-file.js';
import { ExitCode } from '../exit-codes.js';
import { Output, type OutputFlags } from '../output.js';
import { countArgument, failWith } from '../run-command.js';

interface CheckFlags extends OutputFlags {
  out?: string;
  baseline?: string;
  writeBaseline?: boolean;
  limit: number;
}

export function registerCheckCommand(program: Command): void {
  program
    .command('check')
    .description(`check the rules of ${CONFIG_FILE} ("rules") on the last index: forbidden imports and calls, import cycles, orphans`)
    .argument('[repo]', 'the indexed repository (default: the current folder)')
    .option('-o, --out <dir>', 'output folder (default: <repo>/.codegraph)')
    .option('--baseline <file>', 'known violations that do not fail the check (default: <repo>/codegraph.baseline.json, when it exists)')
    .option('--write-baseline', 'record every current violation in the baseline file, then exit 0')
    .option('--limit <n>', 'violations listed per rule (all are counted)', countArgument('--limit'), 50)
    .option('--json', 'print the result as one JSON document on stdout')
    .option('-q, --quiet', 'print nothing but errors; the exit code tells')
    .option('--debug', 'print stack traces of errors')
    .addHelpText(
      'after',
      `\nRules, in ${CONFIG_FILE}: { "rules": [\n` +
        '  { "name": "ui-not-db", "forbidden": { "from": "src/ui/**", "to": "src/db/**" } },\n' +
        '  { "name": "no-cycles", "noCycles": true },\n' +
        '  { "name": "ui-calls", "forbiddenCalls": { "from": "src/ui/**", "to": "src/db/**" } },\n' +
        '  { "name": "reachable", "noOrphans": { "allow": ["src/main.ts"] } } ] }\n\n' +
        'Exit codes: 0 every rule holds (or breaks only as the baseline records); 1 a rule is broken; 2 a bad rule, or no index to read.',
    )
    .action(async (repo: string | undefined, flags: CheckFlags) => {
      const output = new Output(flags);
      try {
        process.exitCode = await runCheck(repo, flags, output);
      } catch (error) {
        process.exitCode = failWith(output, error);
      }
    });
}

async function runCheck(repo: string | undefined, flags: CheckFlags, output: Output): Promise<number> {
  const [{ rulesFromConfig }, { resolveOutDir }, { readRuleGraph }, { evaluateRules }, baselines, { renderCheckText }] = await Promise.all([
    import('../../config/rules.js'),
    import('../../storage/output-reader.js'),
    import('../../storage/rule-graph.js'),
    import('../../check/evaluate.js'),
    import('../../check/baseline.js'),
    import('../../report/check-text.js'),
  ]);
  const root = path.resolve(repo ?? '.');
  const rules = rulesFromConfig(await readConfigJson(root), CONFIG_FILE);
  const indexed = await readRuleGraph(resolveOutDir(repo, flags.out, process.env), rules);
  if (rules.length === 0) output.info(`no "rules" in ${path.join(root, CONFIG_FILE)}: nothing to check`);
  const results = evaluateRules(indexed.graph, rules);
  const baselinePath = path.resolve(flags.baseline ?? path.join(root, baselines.BASELINE_FILE));

  if (flags.writeBaseline) {
    const baseline = baselines.baselineOf(results);
    await writeFile(baselinePath, `${JSON.stringify(baseline, null, 2)}\n`);
    const report = baselines.applyBaseline(results, baseline, baselinePath);
    if (flags.json) output.json(report);
    else output.result(`wrote ${baseline.violations.length} known violation${baseline.violations.length === 1 ? '' : 's'} to ${baselinePath}`);
    return ExitCode.ok;
  }
  const baseline = await readBaseline(baselinePath, flags.baseline !== undefined, baselines.parseBaseline);
  const report = baselines.applyBaseline(results, baseline, baselinePath);
  if (flags.json) output.json(report);
  else output.result(renderCheckText(report, flags.limit));
  return report.ok ? ExitCode.ok : ExitCode.inconsistent;
}

/** The baseline file; absent is fine unless it was named with --baseline; unreadable is a config error. */
async function readBaseline<T>(file: string, named: boolean, parse: (value: unknown) => T | undefined): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    if (named) throw new ConfigError(`--baseline: cannot read ${file} (write one with codegraph check --write-baseline)`);
    return undefined;
  }
  let parsed: T | undefined;
  try {
    parsed = parse(JSON.parse(text));
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined) throw new ConfigError(`${file} is not a codegraph baseline (write it again with codegraph check --write-baseline)`);
  return parsed;
}
