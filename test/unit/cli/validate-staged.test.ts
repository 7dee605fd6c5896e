import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indexValidator } from '../../../src/cli/validate-staged.js';
import { StorageError, UsageError } from '../../../src/errors.js';
import { validateOutput } from '../../../src/validate/validate-output.js';
import { writeKuzu } from '../validate/kuzu-test-db.js';
import { sampleGraph } from '../validate/sample-graph.js';

let out: string;
beforeEach(() => {
  out = mkdtempSync(path.join(tmpdir(), 'codegraph-validator-'));
});
afterEach(() => {
  rmSync(out, { recursive: true, force: true });
});

describe("index's validator (a child process)", () => {
  it('gives the report validateOutput gives in this process', async () => {
    writeFileSync(path.join(out, 'graph.json'), JSON.stringify(sampleGraph(), null, 2));
    await writeKuzu(path.join(out, 'graph.kuzu'), sampleGraph());
    const validator = indexValidator();
    try {
      const { consistent, result } = await validator.validate(out, { kuzu: true });
      const here = await validateOutput(out, { kuzu: true });
      expect(consistent).toBe(true);
      expect({ ...(result as typeof here), durationMs: 0 }).toEqual({ ...here, durationMs: 0 });
    } finally {
      validator.dispose();
    }
  });

  it('raises the error class the child ended in, so exit codes survive the process boundary', async () => {
    const validator = indexValidator();
    try {
      await expect(validator.validate(out, { kuzu: true })).rejects.toThrow(UsageError);
    } finally {
      validator.dispose();
    }
    writeFileSync(path.join(out, 'graph.json'), '{"version": 1, "nodes": [');
    const again = indexValidator();
    try {
      await expect(again.validate(out, { kuzu: true })).rejects.toThrow(StorageError);
    } finally {
      again.dispose();
    }
  });
});
