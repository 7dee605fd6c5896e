import { describe, expect, it } from 'vitest';
import { buildHeritage } from '../../../src/pipeline/heritage.js';
import { fixturePipeline } from '../resolve/fixture-pipeline.js';

describe('heritage through the parser (heritage-cross-file)', () => {
  it('links every base to its definition across files, and none for mixins and packages', async () => {
    const { units, symbols } = await fixturePipeline('heritage-cross-file');
    const out = buildHeritage(units, symbols);
    expect(out.fragment.relationships.map((r) => `${r.type} ${r.source} -> ${r.target}`)).toEqual([
      'IMPLEMENTS Class:src/models/models.ts:Plain -> Interface:src/shapes/base.ts:Shape',
      'IMPLEMENTS Class:src/models/models.ts:ViaNamespace -> Interface:src/shapes/base.ts:Named',
      'INHERITS Class:src/models/models.ts:FromDefault -> Class:src/shapes/default-base.ts:DefaultBase',
      'INHERITS Class:src/models/models.ts:Local -> Class:src/models/models.ts:Plain',
      'INHERITS Class:src/models/models.ts:Plain -> Class:src/shapes/base.ts:Base',
      'INHERITS Class:src/models/models.ts:Renamed -> Class:src/shapes/base.ts:Base',
      'INHERITS Class:src/models/models.ts:ViaBarrel -> Class:src/shapes/default-base.ts:DefaultBase',
      'INHERITS Class:src/models/models.ts:ViaNamespace -> Class:src/shapes/base.ts:Base',
      'INHERITS Interface:src/models/models.ts:Labelled -> Interface:src/shapes/base.ts:Named',
      'INHERITS Interface:src/models/models.ts:Labelled -> Interface:src/shapes/base.ts:Shape',
    ]);
    expect(out.counts).toEqual({
      'heritage.clauses': 12,
      'heritage.edges': 10,
      'heritage.resolved': 10,
      'heritage.unresolved': 2,
      'heritage.unresolved.call': 1,
      'heritage.unresolved.external': 1,
    });
    expect(out.diagnostics.map((d) => `${d.file}:${d.line} ${d.code} ${d.message}`)).toEqual([
      'src/models/models.ts:22 unresolved-heritage extends mixin(Base): the base is a call (mixin)',
      'src/models/models.ts:23 unresolved-heritage extends Component: defined in the package react',
    ]);
  });
});

describe('heritage through merged names (heritage-merged-names)', () => {
  it('takes the interface in a type position, and namespace members merged with an interface', async () => {
    const { units, symbols } = await fixturePipeline('heritage-merged-names');
    const out = buildHeritage(units, symbols);
    expect(out.fragment.relationships.map((r) => `${r.type} ${r.source} -> ${r.target}`)).toEqual([
      'IMPLEMENTS Class:use.ts:Impl -> Interface:gadget.ts:Widget.Variance',
      'INHERITS Interface:gadget.ts:Empty -> Interface:gadget.ts:Widget.Variance',
      'INHERITS Interface:use.ts:Deep -> Interface:gadget.ts:Widget.Variance',
      'INHERITS Interface:use.ts:Fancy -> Interface:gadget.ts:Gadget',
    ]);
    expect(out.counts).toEqual({ 'heritage.clauses': 4, 'heritage.edges': 4, 'heritage.resolved': 4, 'heritage.unresolved': 0 });
    // In a value position the same name is the function.
    expect(symbols.resolveName('use.ts', ['Gadget'])).toEqual({ kind: 'definition', id: 'Function:gadget.ts:Gadget', viaImport: true });
    expect(symbols.resolveName('use.ts', ['Gadget'], 'type')).toEqual({ kind: 'definition', id: 'Interface:gadget.ts:Gadget', viaImport: true });
  });
});

describe('heritage inside namespaces (heritage-namespaces)', () => {
  it('looks a name up in its namespace block, then the enclosing ones, then the module', async () => {
    const { units, symbols } = await fixturePipeline('heritage-namespaces');
    const out = buildHeritage(units, symbols);
    expect(out.fragment.relationships.map((r) => `${r.type} ${r.source} -> ${r.target}`)).toEqual([
      'IMPLEMENTS Class:envelopes.ts:RPC.Client -> Interface:envelopes.ts:RPC.Request',
      'IMPLEMENTS Class:shapes.ts:Geometry.Polygon -> Interface:shapes.ts:Geometry.Shape',
      'IMPLEMENTS Class:use.ts:Square -> Interface:shapes.ts:Shape',
      'INHERITS Class:use.ts:Square -> Class:shapes.ts:Geometry.Polygon',
      'INHERITS Interface:envelopes.ts:Deep -> Interface:envelopes.ts:RPC.Wire.Frame',
      'INHERITS Interface:envelopes.ts:Outer -> Interface:envelopes.ts:RPC.Request',
      'INHERITS Interface:envelopes.ts:RPC.Request -> Interface:envelopes.ts:RPC.Envelope',
      'INHERITS Interface:envelopes.ts:RPC.Response -> Interface:envelopes.ts:RPC.Envelope',
      'INHERITS Interface:envelopes.ts:RPC.Wire.Ack -> Interface:envelopes.ts:RPC.Wire.Frame',
      'INHERITS Interface:envelopes.ts:RPC.Wire.Frame -> Interface:envelopes.ts:RPC.Request',
      'INHERITS Interface:legacy.ts:Ambient.Dotted.D -> Interface:legacy.ts:Ambient.Dotted.C',
      'INHERITS Interface:legacy.ts:E -> Interface:legacy.ts:Ambient.Dotted.D',
      'INHERITS Interface:legacy.ts:E -> Interface:legacy.ts:Legacy.B',
      'INHERITS Interface:legacy.ts:Legacy.B -> Interface:legacy.ts:Legacy.A',
      'INHERITS Interface:use.ts:Framed -> Interface:envelopes.ts:RPC.Wire.Ack',
      'INHERITS Interface:use.ts:Local.Round -> Interface:shapes.ts:Shape',
      'INHERITS Interface:use.ts:Tagged -> Interface:envelopes.ts:RPC.Response',
    ]);
    expect(out.counts).toEqual({ 'heritage.clauses': 18, 'heritage.edges': 17, 'heritage.resolved': 18, 'heritage.unresolved': 0 });
    // A namespace is no declaration: a name path that ends on one gives no definition.
    expect(symbols.resolveName('use.ts', ['RPC', 'Wire'], 'type')).toEqual({ kind: 'unresolved', reason: `'RPC.Wire' is a namespace of envelopes.ts, not a declaration` });
    // Outside the block, `Envelope` is the module's own.
    expect(symbols.resolveName('envelopes.ts', ['Envelope'], 'type')).toEqual({ kind: 'definition', id: 'Interface:envelopes.ts:Envelope', viaImport: false });
    expect(symbols.resolveName('envelopes.ts', ['Envelope'], 'type', 'RPC.Wire')).toEqual({ kind: 'definition', id: 'Interface:envelopes.ts:RPC.Envelope', viaImport: false });
  });
});
