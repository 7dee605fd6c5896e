// The shop renders e-mail receipts with JSX but ships no UI framework: these are the only JSX types
// it needs, so that the example type-checks without dependencies.
declare namespace JSX {
  interface Element {
    readonly tag?: unknown;
  }
  interface IntrinsicElements {
    [tag: string]: Record<string, unknown>;
  }
  interface IntrinsicAttributes {
    key?: string | number;
  }
}
