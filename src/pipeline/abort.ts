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
