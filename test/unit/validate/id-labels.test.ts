import { describe, expect, it } from 'vitest';
import { NODE_LABELS } from '../../../src/graph/model.js';
import { IdLabels } from '../../../src/validate/id-labels.js';
import { NotStreamable } from '../../../src/validate/table-merge.js';

describe("each node's label by its id's hash", () => {
  it('gives back every label set, through many growths, and nothing for ids never set, even ones a character apart', () => {
    const labels = new IdLabels();
    const ids = Array.from({ length: 200_000 }, (_, i) => `${NODE_LABELS[i % NODE_LABELS.length]}:src/dir${i % 97}/file-${i}.ts:name${i}`);
    ids.forEach((id, i) => labels.set(id, NODE_LABELS[i % NODE_LABELS.length]!));
    expect(labels.size).toBe(ids.length);
    expect(ids.every((id, i) => labels.get(id) === NODE_LABELS[i % NODE_LABELS.length])).toBe(true);
    expect(ids.filter((id) => labels.get(`${id}x`) !== undefined || labels.get(id.slice(0, -1)) !== undefined)).toEqual([]);
    expect(labels.get('')).toBeUndefined();
    expect(labels.get('File:ünï😀.ts')).toBeUndefined();
    labels.set('File:ünï😀.ts', 'File');
    expect(labels.get('File:ünï😀.ts')).toBe('File');
  });

  it('refuses a second id of the same hash (here the same id) as NotStreamable: the whole-file check takes over', () => {
    const labels = new IdLabels();
    labels.set('Function:a.ts:f', 'Function');
    expect(() => labels.set('Function:a.ts:f', 'Method')).toThrow(NotStreamable);
    expect(labels.get('Function:a.ts:f')).toBe('Function');
  });
});
