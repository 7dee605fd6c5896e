import { Chalk, type ChalkInstance } from 'chalk';

export interface OutputFlags {
  readonly json?: boolean;
  readonly quiet?: boolean;
  readonly debug?: boolean;
}

/**
 * Where a command's words go: results to stdout (or one JSON document with --json), progress and
 * problems to stderr. Colour only on a TTY and never under NO_COLOR.
 */
export class Output {
  readonly color: ChalkInstance;
  readonly errColor: ChalkInstance;
  readonly interactive: boolean;

  constructor(
    readonly flags: OutputFlags,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    const noColor = env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '';
    this.color = new Chalk({ level: !noColor && process.stdout.isTTY ? 1 : 0 });
    this.errColor = new Chalk({ level: !noColor && process.stderr.isTTY ? 1 : 0 });
    this.interactive = Boolean(process.stderr.isTTY) && !flags.quiet && !flags.json && env['CI'] === undefined;
  }

  /** Human result text: stdout, unless --json (then stderr) or --quiet (then nothing). */
  result(text: string): void {
    if (this.flags.quiet) return;
    if (this.flags.json) process.stderr.write(`${text}\n`);
    else process.stdout.write(`${text}\n`);
  }

  /** The one JSON document of --json. */
  json(value: unknown): void {
    process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** Progress and notes: stderr, silent with --quiet. */
  info(text: string): void {
    if (!this.flags.quiet) process.stderr.write(`${text}\n`);
  }

  /** A failure: always printed, one line plus its reason. */
  error(message: string, reason?: string, stack?: string): void {
    process.stderr.write(`${this.errColor.red('error:')} ${message}\n`);
    if (reason) process.stderr.write(`Reason: ${reason}\n`);
    if (stack && this.flags.debug) process.stderr.write(`${stack}\n`);
  }
}
