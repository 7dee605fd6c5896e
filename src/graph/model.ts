/**
 * The graph model: node labels, relationship types and their properties, as tables.
 *
 * graph.json, the Kuzu schema and validation all derive from the tables below, so adding a
 * property or a label here is the one change needed to carry it through every store.
 */

/** Kinds of property value the stores can hold losslessly (see docs/adr/0001-kuzu-loading.md). */
export type PropertyType = 'string' | 'int' | 'float' | 'boolean' | 'string[]';

export interface PropertySpec {
  readonly type: PropertyType;
  /** Always present on every node or relationship of this label/type. */
  readonly required?: boolean;
}

export type PropertyTable = Readonly<Record<string, PropertySpec>>;

const definitionProperties = {
  name: { type: 'string', required: true },
  filePath: { type: 'string', required: true },
  startLine: { type: 'int', required: true },
  endLine: { type: 'int', required: true },
  exported: { type: 'boolean', required: true },
} as const satisfies PropertyTable;

/** Every node label, with the properties its nodes may carry. */
export const NODE_TABLES = {
  /** The repository itself; one per graph. */
  Project: {
    name: { type: 'string', required: true },
  },
  /** A folder of the repository that holds (directly or below) at least one indexed file. */
  Folder: {
    name: { type: 'string', required: true },
    filePath: { type: 'string', required: true },
  },
  /** A JavaScript or TypeScript source file. `skipped` says why its content was not parsed. */
  File: {
    name: { type: 'string', required: true },
    filePath: { type: 'string', required: true },
    language: { type: 'string', required: true },
    size: { type: 'int', required: true },
    lines: { type: 'int' },
    hash: { type: 'string' },
    skipped: { type: 'string' },
    syntaxErrorLine: { type: 'int' },
    /** Packages outside the repository that the file imports (`react`, `@scope/pkg`), sorted. */
    packages: { type: 'string[]' },
  },
  /** A function declaration or expression bound to a name (`const f = () => …` included). */
  Function: {
    ...definitionProperties,
    async: { type: 'boolean' },
    generator: { type: 'boolean' },
    /** Name of the function this one is nested in, when it is not at module level. */
    enclosingFunction: { type: 'string' },
  },
  Class: {
    ...definitionProperties,
    abstract: { type: 'boolean' },
  },
  /** A method of a class, interface or object literal, or a `X.prototype.m = function` assignment. */
  Method: {
    ...definitionProperties,
    /** Name of the owning class, interface, object or constructor function. */
    owner: { type: 'string' },
    /** method | getter | setter | field | constructor-function | prototype | object */
    kind: { type: 'string' },
    static: { type: 'boolean' },
    abstract: { type: 'boolean' },
  },
  /** A module-level binding that is neither a function nor a class. */
  Variable: {
    ...definitionProperties,
    /** const | let | var */
    kind: { type: 'string' },
  },
  Interface: { ...definitionProperties },
  Type: { ...definitionProperties },
  Enum: { ...definitionProperties },
} as const satisfies Record<string, PropertyTable>;

export type NodeLabel = keyof typeof NODE_TABLES;
export const NODE_LABELS = Object.keys(NODE_TABLES) as NodeLabel[];

/** The labels of definitions found by parsing. */
export type DefinitionLabel = Exclude<NodeLabel, 'Project' | 'Folder' | 'File'>;
export const DEFINITION_LABELS: readonly DefinitionLabel[] = [
  'Function',
  'Class',
  'Method',
  'Variable',
  'Interface',
  'Type',
  'Enum',
];

export interface RelationshipSpec {
  /** Every allowed [from label, to label] pair; Kuzu gets one FROM/TO pair per entry. */
  readonly ends: readonly (readonly [NodeLabel, NodeLabel])[];
  readonly properties: PropertyTable;
}

const callableTargets = ['Function', 'Method', 'Class'] as const;
const callers = ['File', 'Function', 'Method', 'Class'] as const;

export const RELATIONSHIP_TABLES = {
  CONTAINS: {
    ends: [
      ['Project', 'Folder'],
      ['Project', 'File'],
      ['Folder', 'Folder'],
      ['Folder', 'File'],
    ],
    properties: {},
  },
  DEFINES: {
    ends: [
      ['File', 'Function'],
      ['File', 'Class'],
      ['File', 'Method'],
      ['File', 'Variable'],
      ['File', 'Interface'],
      ['File', 'Type'],
      ['File', 'Enum'],
      ['Class', 'Method'],
      ['Interface', 'Method'],
    ],
    properties: {},
  },
  IMPORTS: {
    ends: [['File', 'File']],
    properties: {
      /** The specifiers as written, sorted. */
      specifiers: { type: 'string[]', required: true },
      /** Imported names: `default`, `*` (namespace or whole module) or the exported name. */
      names: { type: 'string[]' },
      /** static | type | side-effect | re-export | require | dynamic */
      kinds: { type: 'string[]', required: true },
      /** Line of the first import of the target. */
      line: { type: 'int', required: true },
    },
  },
  CALLS: {
    ends: callers.flatMap((from) => callableTargets.map((to) => [from, to] as const)),
    properties: {
      /** same-file | import | type | repo-wide */
      stage: { type: 'string', required: true },
      confidence: { type: 'float', required: true },
      /** Line of the first call site. */
      line: { type: 'int', required: true },
      callSites: { type: 'int', required: true },
    },
  },
  INHERITS: {
    ends: [
      ['Class', 'Class'],
      ['Interface', 'Interface'],
    ],
    properties: {},
  },
  IMPLEMENTS: {
    ends: [
      ['Class', 'Interface'],
      ['Class', 'Class'],
    ],
    properties: {},
  },
} as const satisfies Record<string, RelationshipSpec>;

export type RelationshipType = keyof typeof RELATIONSHIP_TABLES;
export const RELATIONSHIP_TYPES = Object.keys(RELATIONSHIP_TABLES) as RelationshipType[];

export type PropertyValue = string | number | boolean | readonly string[];
export type Properties = Readonly<Record<string, PropertyValue>>;

/** A node of graph.json. Properties follow `NODE_TABLES[label]`; absent means null. */
export interface GraphNode {
  readonly id: string;
  readonly label: NodeLabel;
  readonly properties: Properties;
}

/** A relationship of graph.json. Properties follow `RELATIONSHIP_TABLES[type].properties`. */
export interface GraphRelationship {
  readonly id: string;
  readonly type: RelationshipType;
  readonly source: string;
  readonly target: string;
  readonly properties: Properties;
}

/** What one processor adds to the graph. */
export interface GraphFragment {
  readonly nodes: readonly GraphNode[];
  readonly relationships: readonly GraphRelationship[];
}

/** graph.json's format; 2: definition ids name the scope path, not the line. */
export const GRAPH_FORMAT_VERSION = 2;

/** The whole graph, as written to graph.json: nodes and relationships sorted by id. */
export interface CodeGraph {
  readonly version: typeof GRAPH_FORMAT_VERSION;
  readonly generator: { readonly name: 'codegraph'; readonly version: string };
  readonly root: string;
  readonly nodes: readonly GraphNode[];
  readonly relationships: readonly GraphRelationship[];
}

/** What graph.json says before its lists: the format, the writer and the root. */
export type GraphHeader = Pick<CodeGraph, 'version' | 'generator' | 'root'>;

export function isNodeLabel(value: unknown): value is NodeLabel {
  return typeof value === 'string' && Object.hasOwn(NODE_TABLES, value);
}

export function isRelationshipType(value: unknown): value is RelationshipType {
  return typeof value === 'string' && Object.hasOwn(RELATIONSHIP_TABLES, value);
}

export function nodeProperties(label: NodeLabel): PropertyTable {
  return NODE_TABLES[label];
}

export function relationshipProperties(type: RelationshipType): PropertyTable {
  return RELATIONSHIP_TABLES[type].properties;
}

const requiredNames = new Map<PropertyTable, readonly string[]>();

/** The required properties of a table, worked out once per table. */
export function requiredProperties(table: PropertyTable): readonly string[] {
  let names = requiredNames.get(table);
  if (!names) {
    names = Object.entries(table)
      .filter(([, p]) => p.required)
      .map(([name]) => name);
    requiredNames.set(table, names);
  }
  return names;
}

export function allowsEnds(type: RelationshipType, from: NodeLabel, to: NodeLabel): boolean {
  return RELATIONSHIP_TABLES[type].ends.some(([f, t]) => f === from && t === to);
}

/**
 * Whether a value is one a property of that type holds: '', [], null and non-finite numbers are
 * never stored (the builder drops the empty ones), so they do not count.
 */
export function isStoredValue(type: PropertyType, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string' && value !== '';
    case 'int':
      return typeof value === 'number' && Number.isSafeInteger(value);
    case 'float':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'string[]':
      return Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string' && item !== '');
  }
}
