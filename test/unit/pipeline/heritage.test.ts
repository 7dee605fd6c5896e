import { describe, expect, it } from 'vitest';
import { buildHeritage } from '../../../src/pipeline/heritage.js';
import { createSymbolResolver } from '../../../src/pipeline/symbols.js';
import type { ParsedUnit } from '../../../src/model/parsed-unit.js';
import { createModuleResolver } from '../../../src/resolve/module-resolver.js';
import { def, exp, extendsRef, implementsRef, imp, unit } from '../resolve/units.js';

const Base = def('src/base.ts', 'Class', 'Base', 1, { exported: true });
const DefaultBase = def('src/default-base.ts', 'Class', 'DefaultBase', 1);
const Shape = def('src/shapes.ts', 'Interface', 'Shape', 1, { exported: true });
const Named = def('src/shapes.ts', 'Interface', 'Named', 2, { exported: true });
const Local = def('src/local.ts', 'Class', 'Local', 1);

const clause = (relation: 'extends' | 'implements', path: string[], line: number, text = path.join('.')) => ({
  relation,
  ref: { path },
  text,
  line,
});

const Child = def('src/child.ts', 'Class', 'Child', 3, { heritage: [extendsRef(['Base'], 3), implementsRef(['Shape'], 3)] });
const Aliased = def('src/child.ts', 'Class', 'Aliased', 4, { heritage: [extendsRef(['B2'], 4)] });
const FromDefault = def('src/child.ts', 'Class', 'FromDefault', 5, { heritage: [extendsRef(['D'], 5)] });
const ViaNs = def('src/child.ts', 'Class', 'ViaNs', 6, { heritage: [extendsRef(['ns', 'Base'], 6), implementsRef(['ns', 'Named'], 6)] });
const ViaBarrel = def('src/child.ts', 'Class', 'ViaBarrel', 7, { heritage: [clause('extends', ['Base'], 7, 'Base<string>')] });
const Generic = def('src/child.ts', 'Class', 'Generic', 8, { heritage: [clause('extends', ['Local'], 8, 'Local<T, U>')] });
const Mixed = def('src/child.ts', 'Class', 'Mixed', 9, {
  heritage: [{ relation: 'extends', unresolvable: 'call', text: 'mixin(Base)', line: 9 }],
});
const FromPackage = def('src/child.ts', 'Class', 'FromPackage', 10, { heritage: [extendsRef(['Component'], 10)] });
const Wide = def('src/child.ts', 'Interface', 'Wide', 11, { heritage: [extendsRef(['Shape'], 11), extendsRef(['Named'], 11)] });
const ImplClass = def('src/child.ts', 'Class', 'ImplClass', 12, { heritage: [implementsRef(['Local'], 12)] });
const IfaceFromClass = def('src/child.ts', 'Interface', 'IfaceFromClass', 13, { heritage: [extendsRef(['Local'], 13)] });
const Unknown = def('src/child.ts', 'Class', 'Unknown', 14, { heritage: [extendsRef(['Nowhere'], 14)] });
const Failure = def('src/child.ts', 'Class', 'Failure', 15, { heritage: [extendsRef(['Error'], 15)] });

const units: ParsedUnit[] = [
  unit('src/base.ts', { definitions: [Base], exports: [exp('Base', 1, { definition: Base })] }),
  unit('src/default-base.ts', { definitions: [DefaultBase], exports: [exp('default', 1, { local: 'DefaultBase' })] }),
  unit('src/shapes.ts', { definitions: [Shape, Named], exports: [exp('Shape', 1, { definition: Shape }), exp('Named', 2, { definition: Named })] }),
  unit('src/index.ts', { imports: [imp('./base', 're-export', 1, [['*', '*']]), imp('./shapes', 're-export', 2, [['*', '*']])] }),
  unit('src/barrel/index.ts', { imports: [imp('..', 're-export', 1, [['Base', 'Base']])] }),
  unit('src/local.ts', { definitions: [Local], exports: [exp('Local', 1, { definition: Local })] }),
  unit('src/child.ts', {
    definitions: [Child, Aliased, FromDefault, ViaNs, ViaBarrel, Generic, Mixed, FromPackage, Wide, ImplClass, IfaceFromClass, Unknown, Failure],
    imports: [
      imp('./barrel', 'static', 1, [['Base', 'Base']]),
      imp('./base.js', 'static', 1, [['B2', 'Base']]),
      imp('./default-base', 'static', 1, [['D', 'default']]),
      imp('./index', 'static', 1, [['ns', '*']]),
      imp('./shapes', 'type', 2, [['Shape', 'Shape'], ['Named', 'Named']]),
      imp('./local', 'static', 2, [['Local', 'Local']]),
      imp('react', 'static', 2, [['Component', 'Component']]),
    ],
  }),
];

describe('buildHeritage', () => {
  const symbols = createSymbolResolver(units, createModuleResolver(units.map((u) => u.file.relPath)));
  const out = buildHeritage(units, symbols);

  it('resolves bases through named, aliased, default, namespace and barrel imports, ignoring generics', () => {
    const edges = out.fragment.relationships.map((r) => `${r.type} ${r.source} -> ${r.target}`);
    expect(edges).toEqual([
      `IMPLEMENTS ${Child.id} -> ${Shape.id}`,
      `IMPLEMENTS ${ImplClass.id} -> ${Local.id}`,
      `IMPLEMENTS ${ViaNs.id} -> ${Named.id}`,
      `INHERITS ${Aliased.id} -> ${Base.id}`,
      `INHERITS ${Child.id} -> ${Base.id}`,
      `INHERITS ${FromDefault.id} -> ${DefaultBase.id}`,
      `INHERITS ${Generic.id} -> ${Local.id}`,
      `INHERITS ${ViaBarrel.id} -> ${Base.id}`,
      `INHERITS ${ViaNs.id} -> ${Base.id}`,
      `INHERITS ${Wide.id} -> ${Named.id}`,
      `INHERITS ${Wide.id} -> ${Shape.id}`,
    ]);
    expect(out.fragment.relationships[0]).toEqual({
      id: `IMPLEMENTS:${Child.id}->${Shape.id}`,
      type: 'IMPLEMENTS',
      source: Child.id,
      target: Shape.id,
      properties: {},
    });
  });

  it('counts what gives no edge, with its reason', () => {
    expect(out.counts).toEqual({
      'heritage.clauses': 16,
      'heritage.resolved': 11,
      'heritage.unresolved': 5,
      'heritage.edges': 11,
      'heritage.unresolved.builtin': 1,
      'heritage.unresolved.call': 1,
      'heritage.unresolved.external': 1,
      'heritage.unresolved.not-a-type': 1,
      'heritage.unresolved.not-found': 1,
    });
    expect(out.diagnostics.map((d) => `${d.line} ${d.message}`)).toEqual([
      '9 extends mixin(Base): the base is a call (mixin)',
      '10 extends Component: defined in the package react',
      '13 extends Local: an Interface cannot extend a Class',
      "14 extends Nowhere: 'Nowhere' is not defined or imported in src/child.ts",
      '15 extends Error: a global (builtin) type',
    ]);
  });
});
