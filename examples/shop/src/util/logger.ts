export type Level = 'debug' | 'info' | 'warn' | 'error';

const SEVERITY: Record<Level, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** A scoped logger that writes one line per message to the console. */
export class Logger {
  static threshold: Level = 'info';

  constructor(private readonly scope: string) {}

  debug(message: string, data?: unknown): void {
    this.write('debug', message, data);
  }

  info(message: string, data?: unknown): void {
    this.write('info', message, data);
  }

  warn(message: string, data?: unknown): void {
    this.write('warn', message, data);
  }

  error(message: string, data?: unknown): void {
    this.write('error', message, data);
  }

  private write(level: Level, message: string, data?: unknown): void {
    if (SEVERITY[level] < SEVERITY[Logger.threshold]) return;
    const line = `[${level}] ${this.scope}: ${message}`;
    if (data === undefined) console.log(line);
    else console.log(line, JSON.stringify(data));
  }
}
