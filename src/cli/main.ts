import { Command, CommanderError } from 'commander';
import { CODEGRAPH_VERSION } from '../version.js';
import { ExitCode } from './exit-codes.js';
import { endQuietlyOnClosedPipe } from './output.js';
import { registerIndexCommand } from './commands/index.js';
import { registerValidateCommand } from './commands/validate.js';
import { registerStatsCommand } from './commands/stats.js';
import { registerQueryCommand } from './commands/query.js';
import { registerDiffCommand } from './commands/diff.js';
import { registerCheckCommand } from './commands/check.js';
import { registerQuestionCommands } from './commands/questions.js';

endQuietlyOnClosedPipe(process.stdout);
endQuietlyOnClosedPipe(process.stderr);

const program = new Command('codegraph')
  .description('Index a JavaScript/TypeScript repository into a code graph: graph.json and a Kuzu database.')
  .version(CODEGRAPH_VERSION, '-V, --version')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride()
  .configureOutput({
    // Commander's own errors (unknown flag, missing argument) become one line on stderr.
    outputError: (text, write) => write(text.replace(/^error: /, 'error: ')),
  });

registerIndexCommand(program);
registerValidateCommand(program);
registerStatsCommand(program);
registerQueryCommand(program);
registerDiffCommand(program);
registerCheckCommand(program);
registerQuestionCommands(program);
for (const command of program.commands) command.exitOverride();

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    const shown = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help';
    process.exitCode = shown ? ExitCode.ok : ExitCode.usage;
  } else {
    throw error;
  }
}
