import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { resolveIndexOptions, settingsFromConfig, settingsFromEnv } from '../../../src/config/options.js';
import { ConfigError, UsageError } from '../../../src/errors.js';

const base = { repo: 'repo', cwd: '/work', flags: {}, env: {}, file: {}, cores: 2 };

describe('index options', () => {
  it('fills defaults: output in <repo>/.codegraph, Kuzu and validation on, one worker per core', () => {
    const o = resolveIndexOptions(base);
    expect(o).toEqual({
      repo: '/work/repo', rootName: 'repo', outDir: '/work/repo/.codegraph', kuzu: true, batchSize: 100000, validate: true,
      include: [], exclude: [], allowDegraded: false, workers: 2, maxFileSize: 1048576, incremental: true,
    });
    expect(Object.isFrozen(o)).toBe(true);
  });

  it('takes flags over environment over the config file', () => {
    const file = settingsFromConfig({ kuzu: false, batchSize: 10, workers: 3, validate: false }, 'codegraph.config.json');
    const env = settingsFromEnv({ CODEGRAPH_KUZU: '1', CODEGRAPH_BATCH_SIZE: '20' });
    const o = resolveIndexOptions({ ...base, file, env, flags: { batchSize: 30 } });
    expect([o.kuzu, o.batchSize, o.workers, o.validate]).toEqual([true, 30, 3, false]);
    expect(resolveIndexOptions({ ...base, file, env: settingsFromEnv({ CODEGRAPH_KUZU: '0' }), flags: { kuzu: true } }).kuzu).toBe(true);
    expect(resolveIndexOptions({ ...base, file: {}, env: settingsFromEnv({ CODEGRAPH_KUZU: '0' }) }).kuzu).toBe(false);
  });

  it('adds up excludes from every source', () => {
    const o = resolveIndexOptions({ ...base, file: { exclude: ['a/**'] }, env: settingsFromEnv({ CODEGRAPH_EXCLUDE: 'b/**, c/**' }), flags: { exclude: ['d/**'] } });
    expect(o.exclude).toEqual(['a/**', 'b/**', 'c/**', 'd/**']);
  });

  it('reads --out relative to the working folder and the config file out relative to the repo', () => {
    expect(resolveIndexOptions({ ...base, flags: { out: 'o' } }).outDir).toBe(path.resolve('/work', 'o'));
    expect(resolveIndexOptions({ ...base, file: { out: 'graph-out' } }).outDir).toBe('/work/repo/graph-out');
  });

  it('rejects bad environment values and config settings with a message naming them', () => {
    expect(() => settingsFromEnv({ CODEGRAPH_KUZU: 'maybe' })).toThrow(new ConfigError("CODEGRAPH_KUZU must be 1 or 0 (true or false), got 'maybe'"));
    expect(() => settingsFromEnv({ CODEGRAPH_BATCH_SIZE: '0' })).toThrow(UsageError);
    expect(() => settingsFromConfig({ kuzuu: false }, 'codegraph.config.json')).toThrow(/unknown setting 'kuzuu'/);
    expect(() => settingsFromConfig({ batchSize: 'big' }, 'codegraph.config.json')).toThrow(/'batchSize' must be a whole number/);
    expect(() => settingsFromConfig([], 'codegraph.config.json')).toThrow(/must hold a JSON object/);
  });
});
