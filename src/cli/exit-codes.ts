/** Exit codes of CONTRACT.md; never a count. */
export const ExitCode = {
  ok: 0,
  inconsistent: 1,
  usage: 2,
  degraded: 3,
  interrupted: 130,
  terminated: 143,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
