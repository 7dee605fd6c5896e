// The accuracy harness's scoring (bench/accuracy/score.mjs): pair sets in, exact figures out.
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs module of the harness, without type declarations
import { errors, precisionByStage, score } from '../../../bench/accuracy/score.mjs';

const rel = (stage: string, line: number) => ({ type: 'CALLS', properties: { stage, line } });

describe('accuracy scoring', () => {
  it('computes precision, recall and F1 from pair sets', () => {
    const ours = new Set(['a->b', 'a->c', 'x->y']);
    const reference = new Set(['a->b', 'a->c', 'p->q', 'r->s']);
    expect(score(ours, reference)).toEqual({ ours: 3, reference: 4, tp: 2, fp: 1, fn: 2, precision: 0.667, recall: 0.5, f1: 0.571 });
  });

  it('scores empty sides as perfect only when both are empty', () => {
    expect(score(new Set(), new Set())).toMatchObject({ precision: 1, recall: 1, f1: 1 });
    expect(score(new Set(), new Set(['a->b']))).toMatchObject({ precision: 0, recall: 0, f1: 0 });
  });

  it('groups false positives by stage and confirms edges per stage', () => {
    const ours = new Map([
      ['a->b', rel('import', 3)],
      ['a->c', rel('repo-wide', 4)],
      ['a->d', rel('repo-wide', 5)],
    ]);
    const reference = new Set(['a->b', 'a->d', 'z->z']);
    const sites = new Map([['z->z', 'z.ts:9: z()']]);
    expect(errors(ours, reference, sites)).toEqual({
      fpByStage: { 'repo-wide': 1 },
      fp: [{ pair: 'a->c', line: 4, stage: 'repo-wide' }],
      fn: [{ pair: 'z->z', site: 'z.ts:9: z()' }],
      fnCount: 1,
    });
    expect(precisionByStage(ours, reference)).toEqual({
      import: { edges: 1, confirmed: 1, precision: 1 },
      'repo-wide': { edges: 2, confirmed: 1, precision: 0.5 },
    });
  });
});
