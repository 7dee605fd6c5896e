import { Chalk, type ChalkInstance } from 'chalk';

export interface OutputFlags {
  readonly json?: boolean;
  readonly quiet?: boolean;
  readonly debug?: boolean;
}

/** The parts of a terminal stream that decide how to write to it. */
export interface TerminalInfo {
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/**
 * Below this many columns a spinner cannot redraw its line: some CI pseudo-terminals report 0, and
 * a spinner that divides by the width then writes cursor codes without end.
 */
const MIN_COLUMNS = 20;

/** Whether a live spinner can be drawn on this stream: a terminal whose width is known and usable. */
export function canRedraw(stream: TerminalInfo): boolean {
  const columns = stream.columns;
  return Boolean(stream.isTTY) && typeof columns === 'number' && Number.isFinite(columns) && columns >= MIN_COLUMNS;
}

/**
 * Where a command's words go: results to stdout (or one JSON document with --json), progress and
 * problems to stderr. Colour only on a TTY and never under NO_COLOR; a live spinner only on a
 * terminal of usable width.
 */
export class Output {
  readonly color: ChalkInstance;
  readonly errColor: ChalkInstance;
  readonly interactive: boolean;

  constructor(
    readonly flags: OutputFlags,
    env: NodeJS.ProcessEnv = process.env,
    streams: { readonly stdout: TerminalInfo; readonly stderr: TerminalInfo } = process,
  ) {
    const noColor = env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '';
    this.color = new Chalk({ level: !noColor && streams.stdout.isTTY ? 1 : 0 });
    this.errColor = new Chalk({ level: !noColor && streams.stderr.isTTY ? 1 : 0 });
    this.interactive = canRedraw(streams.stderr) && !flags.quiet && !flags.json && env['CI'] === undefined;
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

/**
 * A reader that stops early (`codegraph query … | head -1`) closes the pipe: like any Unix tool,
 * the command then stops writing there, without a stack trace, and ends with its own exit code.
 */
export function endQuietlyOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
    throw error;
  });
}
