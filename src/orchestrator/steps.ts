/**
 * `work`'s result, or the signal's reason as soon as the signal aborts, whichever comes first. For
 * steps that only read or compute: what they leave running is dropped, and nothing of it reaches
 * the output folder. Steps that write stop through their own abort (sinks, parse workers).
 */
export function unlessAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const stop = (): void => reject(signal.reason);
    if (signal.aborted) stop();
    signal.addEventListener('abort', stop, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', stop);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', stop);
        reject(error);
      },
    );
  });
}

/** A run's clock: each step timed under its name, each racing the stop signal. */
export interface RunSteps {
  readonly startedAt: string;
  readonly timings: Record<string, number>;
  step<T>(name: string, work: () => Promise<T> | T): Promise<T>;
  /** Records the run's total so far and returns the timings. */
  total(): Record<string, number>;
}

export function runSteps(signal: AbortSignal | undefined): RunSteps {
  const started = performance.now();
  const timings: Record<string, number> = {};
  return {
    startedAt: new Date().toISOString(),
    timings,
    async step(name, work) {
      const t0 = performance.now();
      try {
        return await unlessAborted(Promise.resolve(work()), signal);
      } finally {
        timings[name] = Math.round(performance.now() - t0);
        signal?.throwIfAborted();
      }
    },
    total() {
      timings['total'] = Math.round(performance.now() - started);
      return timings;
    },
  };
}
