import ora, { type Ora } from 'ora';
import type { PhaseName, ProgressListener } from '../model/phases.js';
import type { Output } from './output.js';

/**
 * Renders pipeline events on stderr: a spinner with live counts on a TTY, plain lines otherwise
 * (CI), nothing with --quiet or --json.
 */
export function progressRenderer(output: Output): ProgressListener & { stop(): void } {
  if (output.flags.quiet || output.flags.json) return { stop() {} };
  if (!output.interactive) {
    return {
      onPhaseStart(phase) {
        output.info(`${phase}: started`);
      },
      onFilesFound(files) {
        output.info(`found ${files.length} source files`);
      },
      onPhaseEnd(phase, ms) {
        output.info(`${phase}: done in ${formatMs(ms)}`);
      },
      onMessage(message) {
        output.info(message);
      },
      stop() {},
    };
  }
  let spinner: Ora | undefined;
  let lastRender = 0;
  let found = 0;
  // Colour follows the Output (NO_COLOR, no TTY): ora's own colours would ignore it.
  const coloured = output.errColor.level > 0;
  const start = (text: string): Ora => ora({ text, stream: process.stderr, color: coloured ? 'cyan' : false }).start();
  const succeed = (s: Ora, text: string): void => {
    s.stopAndPersist({ symbol: output.errColor.green('✔'), text });
  };
  return {
    onPhaseStart(phase: PhaseName) {
      // The first phase starts once every file is parsed: close the reading spinner.
      if (spinner) succeed(spinner, `read and parsed ${found} files`);
      spinner = start(phase);
    },
    onFilesFound(files) {
      found = files.length;
      spinner = start(`parsing: 0/${found} files`);
    },
    onPhaseProgress(phase, done, total) {
      const now = performance.now();
      if (!spinner || now - lastRender < 80) return;
      lastRender = now;
      spinner.text = `${phase}: ${done}${total ? `/${total}` : ''} files`;
    },
    onPhaseEnd(phase, ms) {
      if (spinner) succeed(spinner, `${phase} ${output.errColor.dim(formatMs(ms))}`);
      spinner = undefined;
    },
    onMessage(message) {
      if (spinner) spinner.text = message;
      else output.info(message);
    },
    stop() {
      spinner?.stop();
      spinner = undefined;
    },
  };
}

function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}
