import { describe, expect, it } from 'vitest';
import { settingsFromConfig } from '../../../src/config/options.js';
import { rulesFromConfig } from '../../../src/config/rules.js';

const FILE = 'codegraph.config.json';

describe('rules in codegraph.config.json', () => {
  it('reads the four shapes; a single glob is a list of one; noOrphans may be true', () => {
    const rules = rulesFromConfig(
      {
        out: '.cg',
        rules: [
          { name: 'ui-not-db', forbidden: { from: 'src/ui/**', to: ['src/db/**', 'src/sql/**'] } },
          { name: 'no-cycles', noCycles: true },
          { name: 'ui-calls', forbiddenCalls: { from: 'src/ui/**', to: 'src/db/**' } },
          { name: 'reachable', noOrphans: { allow: ['src/main.ts'] } },
          { name: 'all-reachable', noOrphans: true },
        ],
      },
      FILE,
    );
    expect(rules).toEqual([
      { name: 'ui-not-db', kind: 'forbidden', from: ['src/ui/**'], to: ['src/db/**', 'src/sql/**'] },
      { name: 'no-cycles', kind: 'noCycles' },
      { name: 'ui-calls', kind: 'forbiddenCalls', from: ['src/ui/**'], to: ['src/db/**'] },
      { name: 'reachable', kind: 'noOrphans', allow: ['src/main.ts'] },
      { name: 'all-reachable', kind: 'noOrphans', allow: [] },
    ]);
    expect(rulesFromConfig({ out: '.cg' }, FILE)).toEqual([]);
  });

  it('refuses a rule of an unknown shape, naming it, and every malformed rule, in one line each', () => {
    const bad = (rules: unknown): (() => unknown) => () => rulesFromConfig({ rules }, FILE);
    expect(bad([{ name: 'typo', forbiden: { from: 'a', to: 'b' } }])).toThrow(
      "codegraph.config.json: rule 'typo' has an unknown shape (forbiden); a rule is a \"name\" and one of forbidden, noCycles, forbiddenCalls, noOrphans",
    );
    expect(bad([{ name: 'two', noCycles: true, noOrphans: true }])).toThrow("rule 'two' has an unknown shape (noCycles, noOrphans)");
    expect(bad([{ name: 'none' }])).toThrow("rule 'none' has an unknown shape (no rule)");
    expect(bad({ name: 'x' })).toThrow("codegraph.config.json: 'rules' must be a list of rules");
    expect(bad([{ noCycles: true }])).toThrow('codegraph.config.json: rules[0] needs a "name" (a non-empty string)');
    expect(bad([{ name: 'a', noCycles: true }, { name: 'a', noCycles: true }])).toThrow("two rules are named 'a'");
    expect(bad([{ name: 'c', noCycles: 'yes' }])).toThrow(`rule 'c': "noCycles" must be true`);
    expect(bad([{ name: 'f', forbidden: { from: 'src/**' } }])).toThrow(`rule 'f': "forbidden.to" must be a glob or a list of globs`);
    expect(bad([{ name: 'f', forbidden: { from: 'a', to: 'b', via: 'c' } }])).toThrow(`rule 'f': "forbidden": unknown key 'via' (known: from, to)`);
    expect(bad([{ name: 'o', noOrphans: { allow: [1] } }])).toThrow(`rule 'o': "noOrphans.allow" must be a glob or a list of globs`);
  });

  it('are a known key of the file for index too, which refuses a broken rule the same way', () => {
    expect(settingsFromConfig({ kuzu: false, rules: [{ name: 'c', noCycles: true }] }, FILE)).toEqual({ kuzu: false });
    expect(() => settingsFromConfig({ rules: [{ name: 'typo', forbiden: {} }] }, FILE)).toThrow("rule 'typo' has an unknown shape (forbiden)");
    expect(() => settingsFromConfig({ rulez: [] }, FILE)).toThrow("unknown setting 'rulez' (known: out, kuzu, batchSize, validate, include, exclude, allowDegraded, workers, maxFileSize, incremental, rules)");
  });
});
