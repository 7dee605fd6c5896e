import { mkdir, open, readdir, readFile, rename, rm, stat, statfs } from 'node:fs/promises';
import path from 'node:path';
import { StorageError, UsageError } from '../errors.js';

export const GRAPH_JSON = 'graph.json';
export const GRAPH_KUZU = 'graph.kuzu';
export const REPORT_JSON = 'report.json';
const LOCK = '.lock';
const JOURNAL = '.commit';
const STAGED = /^\.(.+)\.(\d+)\.tmp(?:\.[a-z]+)?$/;

/** Paths of one output folder. */
export function outputPaths(outDir: string): { graphJson: string; graphKuzu: string; reportJson: string } {
  return {
    graphJson: path.join(outDir, GRAPH_JSON),
    graphKuzu: path.join(outDir, GRAPH_KUZU),
    reportJson: path.join(outDir, REPORT_JSON),
  };
}

export interface FileStamp {
  readonly size: number;
  readonly mtimeMs: number;
}

interface Journal {
  /** [staged, final] pairs, applied in order. */
  readonly renames: readonly (readonly [string, string])[];
  /** Final files to delete before the renames (an outdated graph.kuzu, its .wal). */
  readonly deletes: readonly string[];
}

/**
 * An index run's hold on an output folder: an exclusive lock, staged file names, and the commit
 * that swaps all staged files in together. A commit writes a journal first, so a process killed
 * half-way through the swap is completed by the next command that opens the folder.
 */
export class OutputTransaction {
  private released = false;

  private constructor(readonly outDir: string) {}

  static async begin(outDir: string): Promise<OutputTransaction> {
    try {
      await makeFolder(outDir);
    } catch (error) {
      throw new UsageError(`cannot create the output folder ${outDir}`, { cause: error });
    }
    await acquireLock(outDir);
    const tx = new OutputTransaction(outDir);
    try {
      await recoverOutput(outDir);
    } catch (error) {
      await tx.release();
      throw error;
    }
    return tx;
  }

  /** A temporary name in the folder for `finalName`, private to this process. */
  staged(finalName: string): string {
    return path.join(this.outDir, `.${finalName}.${process.pid}.tmp`);
  }

  async commit(renames: readonly (readonly [staged: string, finalName: string])[], deletes: readonly string[]): Promise<void> {
    const journal: Journal = {
      renames: renames.map(([from, name]) => [path.basename(from), name] as const),
      deletes,
    };
    const journalPath = path.join(this.outDir, JOURNAL);
    const work = (async () => {
      await writeDurably(`${journalPath}.${process.pid}.tmp`, JSON.stringify(journal));
      await rename(`${journalPath}.${process.pid}.tmp`, journalPath);
      await applyJournal(this.outDir, journal);
      await rm(journalPath, { force: true });
    })();
    committing = work;
    try {
      await work;
      committedHere.add(this.outDir);
    } catch (error) {
      throw new StorageError(`could not swap the new output into ${this.outDir}`, { cause: error });
    } finally {
      committing = undefined;
    }
  }

  /** Size and modification time of a file (staged or final), to tell later whether it was touched. */
  async stamp(file: string): Promise<FileStamp | undefined> {
    const info = await stat(path.isAbsolute(file) ? file : path.join(this.outDir, file)).catch(() => undefined);
    return info?.isFile() ? { size: info.size, mtimeMs: info.mtimeMs } : undefined;
  }

  /** Whether a final name in the folder is a file. */
  async hasFile(finalName: string): Promise<boolean> {
    const info = await stat(path.join(this.outDir, finalName)).catch(() => undefined);
    return info?.isFile() ?? false;
  }

  /** Whether a final name in the folder is taken by a folder (which a rename cannot replace). */
  async isFolder(finalName: string): Promise<boolean> {
    const info = await stat(path.join(this.outDir, finalName)).catch(() => undefined);
    return info?.isDirectory() ?? false;
  }

  /** Free bytes on the output folder's file system, when the system says. */
  async freeBytes(): Promise<number | undefined> {
    const info = await statfs(this.outDir).catch(() => undefined);
    return info ? info.bavail * info.bsize : undefined;
  }

  /** Removes this run's staged files and releases the lock. Safe to call more than once. */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    await removeStaged(this.outDir, (pid) => pid === process.pid);
    await rm(path.join(this.outDir, LOCK), { force: true });
  }
}

/**
 * Completes an interrupted commit and removes temporary files of dead processes. Called by every
 * command before it reads an output folder; it does nothing while a live index run holds the lock.
 */
export async function recoverOutput(outDir: string): Promise<void> {
  const holder = await lockHolder(outDir);
  if (holder !== undefined && holder !== process.pid && isAlive(holder)) return;
  const journalPath = path.join(outDir, JOURNAL);
  const text = await readFile(journalPath, 'utf8').catch(() => undefined);
  if (text !== undefined) {
    let journal: Journal | undefined;
    try {
      journal = JSON.parse(text) as Journal;
    } catch {
      // A journal is renamed into place whole, so a torn one cannot happen; ignore garbage.
    }
    if (journal) await applyJournal(outDir, journal);
    await rm(journalPath, { force: true });
  }
  await removeStaged(outDir, (pid) => pid === process.pid || !isAlive(pid));
}

async function applyJournal(outDir: string, journal: Journal): Promise<void> {
  // Only files are deleted: a folder in the way is the user's, and is reported, not removed.
  for (const name of journal.deletes) {
    const target = path.join(outDir, name);
    const info = await stat(target).catch(() => undefined);
    if (info && !info.isDirectory()) await rm(target, { force: true });
  }
  for (const [staged, name] of journal.renames) {
    try {
      await rename(path.join(outDir, staged), path.join(outDir, name));
    } catch (error) {
      // Already renamed by an earlier, interrupted attempt.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

async function removeStaged(outDir: string, owned: (pid: number) => boolean): Promise<void> {
  const entries = await readdir(outDir).catch(() => [] as string[]);
  await Promise.all(
    entries.map(async (name) => {
      const match = STAGED.exec(name);
      if (match && owned(Number(match[2]))) await rm(path.join(outDir, name), { force: true, recursive: true });
    }),
  );
}

async function lockHolder(outDir: string): Promise<number | undefined> {
  const text = await readFile(path.join(outDir, LOCK), 'utf8').catch(() => undefined);
  const pid = text === undefined ? NaN : Number.parseInt(text, 10);
  return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function acquireLock(outDir: string): Promise<void> {
  const lockPath = path.join(outDir, LOCK);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new UsageError(`cannot write to the output folder ${outDir}`, { cause: error });
      }
      const holder = await lockHolder(outDir);
      if (holder !== undefined && isAlive(holder)) {
        throw new UsageError(
          `another codegraph index (pid ${holder}) is writing ${outDir}; wait for it to finish, or remove ${lockPath} if that process is not codegraph`,
        );
      }
      // The holder died: take the stale lock over.
      await rm(lockPath, { force: true });
    }
  }
  throw new UsageError(`could not take the lock ${lockPath}`);
}

/**
 * `mkdir -p`, one level at a time. Node's recursive mkdir never returns where a parent exists but
 * cannot hold folders (`/proc/nope` spins at full CPU); here each level is tried once.
 */
export async function makeFolder(dir: string): Promise<void> {
  const made = async (): Promise<boolean> => {
    try {
      await mkdir(dir);
      return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' && (await stat(dir).catch(() => undefined))?.isDirectory()) return true;
      if (code !== 'ENOENT' || path.dirname(dir) === dir) throw error;
      return false;
    }
  };
  if (await made()) return;
  await makeFolder(path.dirname(dir));
  if (!(await made())) await mkdir(dir);
}

/** Writes a small file and flushes it to disk before returning. */
export async function writeDurably(file: string, text: string): Promise<void> {
  const handle = await open(file, 'w');
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}


let committing: Promise<void> | undefined;
/** Output folders this process has committed new output to. */
const committedHere = new Set<string>();

/**
 * Last resort when a signal cannot wait for the run to unwind: removes this process's staged
 * files and lock, after a commit under way has finished (so the folder holds one output whole).
 * Says whether the new output was committed.
 */
export async function emergencyRelease(outDir: string): Promise<boolean> {
  if (committing) await committing.catch(() => undefined);
  await removeStaged(outDir, (pid) => pid === process.pid);
  const holder = await lockHolder(outDir);
  if (holder === process.pid) await rm(path.join(outDir, LOCK), { force: true });
  return committedHere.has(outDir);
}
