import path from 'node:path';
import { ConfigError, UsageError } from '../errors.js';
import { rulesFromConfig } from './rules.js';

/** Everything one `codegraph index` run is told, resolved once and passed down frozen. */
export interface IndexOptions {
  /** Absolute path of the repository. */
  readonly repo: string;
  /** The repository folder's name; the Project node's name. */
  readonly rootName: string;
  /** Absolute path of the output folder. */
  readonly outDir: string;
  readonly kuzu: boolean;
  readonly batchSize: number;
  readonly validate: boolean;
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly allowDegraded: boolean;
  readonly workers: number;
  readonly maxFileSize: number;
  readonly incremental: boolean;
}

/** The switches that may come from flags, the environment or codegraph.config.json. */
export interface IndexSettings {
  out?: string;
  kuzu?: boolean;
  batchSize?: number;
  validate?: boolean;
  include?: string[];
  exclude?: string[];
  allowDegraded?: boolean;
  workers?: number;
  maxFileSize?: number;
  incremental?: boolean;
}

export const DEFAULTS = {
  kuzu: true,
  batchSize: 100_000,
  validate: true,
  allowDegraded: false,
  maxFileSize: 1024 * 1024,
  incremental: true,
} as const;

export const CONFIG_FILE = 'codegraph.config.json';

type Kind = 'boolean' | 'count' | 'string' | 'list';
const SETTINGS: Record<keyof IndexSettings, { kind: Kind; env: string }> = {
  out: { kind: 'string', env: 'CODEGRAPH_OUT' },
  kuzu: { kind: 'boolean', env: 'CODEGRAPH_KUZU' },
  batchSize: { kind: 'count', env: 'CODEGRAPH_BATCH_SIZE' },
  validate: { kind: 'boolean', env: 'CODEGRAPH_VALIDATE' },
  include: { kind: 'list', env: 'CODEGRAPH_INCLUDE' },
  exclude: { kind: 'list', env: 'CODEGRAPH_EXCLUDE' },
  allowDegraded: { kind: 'boolean', env: 'CODEGRAPH_ALLOW_DEGRADED' },
  workers: { kind: 'count', env: 'CODEGRAPH_WORKERS' },
  maxFileSize: { kind: 'count', env: 'CODEGRAPH_MAX_FILE_SIZE' },
  incremental: { kind: 'boolean', env: 'CODEGRAPH_INCREMENTAL' },
};

/** Names of the environment variables, for --help. */
export const ENVIRONMENT_VARIABLES = Object.fromEntries(
  Object.entries(SETTINGS).map(([key, { env }]) => [key, env]),
) as Record<keyof IndexSettings, string>;

/** Reads settings from environment variables (`CODEGRAPH_KUZU=0`, `CODEGRAPH_EXCLUDE=a,b`). */
export function settingsFromEnv(env: Readonly<Record<string, string | undefined>>): IndexSettings {
  const out: Record<string, unknown> = {};
  for (const [key, { kind, env: name }] of Object.entries(SETTINGS)) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    out[key] = parseText(kind, raw, name);
  }
  return out as IndexSettings;
}

/** Checks the parsed content of codegraph.config.json. */
export function settingsFromConfig(content: unknown, file: string): IndexSettings {
  if (typeof content !== 'object' || content === null || Array.isArray(content)) {
    throw new ConfigError(`${file} must hold a JSON object`);
  }
  const out: Record<string, unknown> = {};
  // `rules` are `check`'s; they are checked here too, so that a broken rule fails the first command that reads the file.
  rulesFromConfig(content, file);
  for (const [key, value] of Object.entries(content)) {
    if (key === 'rules') continue;
    const spec = SETTINGS[key as keyof IndexSettings];
    if (!spec) {
      throw new ConfigError(`${file}: unknown setting '${key}' (known: ${[...Object.keys(SETTINGS), 'rules'].join(', ')})`);
    }
    out[key] = checkValue(spec.kind, value, `${file}: '${key}'`);
  }
  return out as IndexSettings;
}

function parseText(kind: Kind, raw: string, where: string): unknown {
  switch (kind) {
    case 'boolean': {
      const v = raw.trim().toLowerCase();
      if (['1', 'true', 'yes', 'on'].includes(v)) return true;
      if (['0', 'false', 'no', 'off'].includes(v)) return false;
      throw new ConfigError(`${where} must be 1 or 0 (true or false), got '${raw}'`);
    }
    case 'count':
      return parseCount(raw, where);
    case 'string':
      return raw;
    case 'list':
      return raw.split(',').map((s) => s.trim()).filter(Boolean);
  }
}

function checkValue(kind: Kind, value: unknown, where: string): unknown {
  switch (kind) {
    case 'boolean':
      if (typeof value !== 'boolean') throw new ConfigError(`${where} must be true or false`);
      return value;
    case 'count':
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
        throw new ConfigError(`${where} must be a whole number of at least 1`);
      }
      return value;
    case 'string':
      if (typeof value !== 'string' || value === '') throw new ConfigError(`${where} must be a non-empty string`);
      return value;
    case 'list':
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
        throw new ConfigError(`${where} must be a list of glob strings`);
      }
      return value;
  }
}

/** Parses a whole number of at least 1; used for flags too. */
export function parseCount(raw: string, where: string): number {
  const n = Number(raw);
  if (!/^\s*\d+\s*$/.test(raw) || !Number.isSafeInteger(n) || n < 1) {
    throw new UsageError(`${where} must be a whole number of at least 1, got '${raw}'`);
  }
  return n;
}

/**
 * Merges the three sources, flags over environment over the config file, and fills defaults.
 * `configDir` anchors a relative `out` from the config file; flags and env are relative to `cwd`.
 */
export function resolveIndexOptions(input: {
  repo: string;
  cwd: string;
  flags: IndexSettings;
  env: IndexSettings;
  file: IndexSettings;
  cores: number;
}): IndexOptions {
  const repo = path.resolve(input.cwd, input.repo);
  const pick = <K extends keyof IndexSettings>(key: K): IndexSettings[K] =>
    input.flags[key] ?? input.env[key] ?? input.file[key];
  const outSource = input.flags.out ?? input.env.out;
  const outDir = outSource
    ? path.resolve(input.cwd, outSource)
    : input.file.out
      ? path.resolve(repo, input.file.out)
      : path.join(repo, '.codegraph');
  return Object.freeze({
    repo,
    rootName: path.basename(repo) || repo,
    outDir,
    kuzu: pick('kuzu') ?? DEFAULTS.kuzu,
    batchSize: pick('batchSize') ?? DEFAULTS.batchSize,
    validate: pick('validate') ?? DEFAULTS.validate,
    include: Object.freeze([...(pick('include') ?? [])]),
    exclude: Object.freeze([...(input.file.exclude ?? []), ...(input.env.exclude ?? []), ...(input.flags.exclude ?? [])]),
    allowDegraded: pick('allowDegraded') ?? DEFAULTS.allowDegraded,
    workers: pick('workers') ?? Math.max(1, input.cores),
    maxFileSize: pick('maxFileSize') ?? DEFAULTS.maxFileSize,
    incremental: pick('incremental') ?? DEFAULTS.incremental,
  });
}
