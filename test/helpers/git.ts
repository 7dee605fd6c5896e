import { execFileSync } from 'node:child_process';

/** Git as a test needs it: no system or user config of this machine, a fixed author. */
export function gitEnv(home: string): NodeJS.ProcessEnv {
  return { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: home, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' };
}

/** Runs `git <args>` in `cwd` and returns its stdout. */
export function git(home: string, cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: gitEnv(home), encoding: 'utf8' });
}
