// Names that belong to the language or the platform. A call to one of these never links to a repo
// definition of the same name unless the file's own scope binds the name (a definition or an import).

/** Global values of JavaScript, the DOM and Node that code calls or calls members of. */
const GLOBAL_NAMES: ReadonlySet<string> = new Set([
  // ECMAScript
  'globalThis', 'Object', 'Function', 'Array', 'String', 'Number', 'Boolean', 'Symbol', 'BigInt',
  'Math', 'JSON', 'Reflect', 'Proxy', 'Promise', 'Date', 'RegExp', 'Map', 'Set', 'WeakMap', 'WeakSet',
  'WeakRef', 'FinalizationRegistry', 'Error', 'TypeError', 'RangeError', 'SyntaxError',
  'ReferenceError', 'EvalError', 'URIError', 'AggregateError', 'ArrayBuffer', 'SharedArrayBuffer',
  'DataView', 'Atomics', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array',
  'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array',
  'Intl', 'Iterator', 'parseInt', 'parseFloat', 'isNaN', 'isFinite', 'encodeURI', 'encodeURIComponent',
  'decodeURI', 'decodeURIComponent', 'escape', 'unescape', 'eval', 'arguments', 'undefined', 'NaN',
  'Infinity',
  // Web platform
  'window', 'self', 'document', 'navigator', 'location', 'history', 'screen', 'localStorage',
  'sessionStorage', 'indexedDB', 'caches', 'crypto', 'performance', 'console', 'fetch', 'alert',
  'confirm', 'prompt', 'open', 'close', 'print', 'postMessage', 'setTimeout', 'setInterval',
  'clearTimeout', 'clearInterval', 'queueMicrotask', 'structuredClone', 'requestAnimationFrame',
  'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback', 'getComputedStyle',
  'matchMedia', 'atob', 'btoa', 'createImageBitmap', 'reportError', 'importScripts', 'URL',
  'URLSearchParams', 'TextEncoder', 'TextDecoder', 'AbortController', 'AbortSignal', 'Blob', 'File',
  'FileReader', 'FormData', 'Headers', 'Request', 'Response', 'WebSocket', 'Worker', 'SharedWorker',
  'MessageChannel', 'MessagePort', 'BroadcastChannel', 'XMLHttpRequest', 'EventSource', 'Event',
  'EventTarget', 'CustomEvent', 'ErrorEvent', 'MessageEvent', 'KeyboardEvent', 'MouseEvent',
  'PointerEvent', 'Image', 'ImageData', 'OffscreenCanvas', 'Node', 'Element', 'HTMLElement',
  'DocumentFragment', 'DOMParser', 'XMLSerializer', 'MutationObserver', 'ResizeObserver',
  'IntersectionObserver', 'PerformanceObserver', 'ReadableStream', 'WritableStream',
  'TransformStream', 'CompressionStream', 'DecompressionStream', 'customElements',
  // Node
  'require', 'module', 'exports', 'process', 'Buffer', 'global', '__dirname', '__filename',
  'setImmediate', 'clearImmediate',
  // Test runners' globals (vitest, jest, mocha, jasmine)
  'describe', 'it', 'test', 'expect', 'beforeEach', 'afterEach', 'beforeAll', 'afterAll', 'before',
  'after', 'suite', 'vi', 'jest', 'fail', 'xit', 'xdescribe', 'fit', 'fdescribe',
]);

/**
 * Method names of built-in objects (arrays, strings, promises, maps, iterators, functions, events,
 * streams, the DOM). A member call with one of these names on a receiver of unknown type is
 * presumed to be the built-in: it never links by name alone.
 */
const BUILTIN_METHOD_NAMES: ReadonlySet<string> = new Set([
  // Array
  'at', 'concat', 'copyWithin', 'entries', 'every', 'fill', 'filter', 'find', 'findIndex', 'findLast',
  'findLastIndex', 'flat', 'flatMap', 'forEach', 'includes', 'indexOf', 'join', 'keys', 'lastIndexOf',
  'map', 'pop', 'push', 'reduce', 'reduceRight', 'reverse', 'shift', 'slice', 'some', 'sort',
  'splice', 'toReversed', 'toSorted', 'toSpliced', 'unshift', 'values', 'with', 'from', 'of', 'isArray',
  // String
  'charAt', 'charCodeAt', 'codePointAt', 'endsWith', 'localeCompare', 'match', 'matchAll', 'normalize',
  'padEnd', 'padStart', 'repeat', 'replace', 'replaceAll', 'search', 'split', 'startsWith', 'substr',
  'substring', 'toLocaleLowerCase', 'toLocaleUpperCase', 'toLowerCase', 'toUpperCase', 'trim',
  'trimEnd', 'trimStart', 'trimLeft', 'trimRight', 'fromCharCode', 'fromCodePoint', 'raw',
  // Object / Function / Symbol
  'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', 'toString', 'valueOf',
  'toJSON', 'call', 'apply', 'bind', 'assign', 'create', 'defineProperty', 'defineProperties',
  'freeze', 'isFrozen', 'seal', 'isSealed', 'getOwnPropertyNames', 'getOwnPropertyDescriptor',
  'getOwnPropertyDescriptors', 'getOwnPropertySymbols', 'getPrototypeOf', 'setPrototypeOf', 'hasOwn',
  'fromEntries', 'preventExtensions', 'isExtensible', 'is', 'ownKeys', 'construct', 'for', 'keyFor',
  // Number / Math / Date / RegExp / JSON
  'toFixed', 'toPrecision', 'toExponential', 'isInteger', 'isSafeInteger', 'abs', 'ceil', 'floor',
  'round', 'trunc', 'sign', 'sqrt', 'cbrt', 'pow', 'exp', 'log', 'log2', 'log10', 'min', 'max',
  'random', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'atan2', 'hypot', 'now', 'parse', 'stringify',
  'getTime', 'getFullYear', 'getMonth', 'getDate', 'getDay', 'getHours', 'getMinutes', 'getSeconds',
  'getMilliseconds', 'getTimezoneOffset', 'toISOString', 'toDateString', 'toTimeString',
  'toUTCString', 'setFullYear', 'setMonth', 'setDate', 'setHours', 'setMinutes', 'setSeconds',
  'setMilliseconds', 'setTime', 'test', 'exec',
  // Promise / iterator / generator
  'then', 'catch', 'finally', 'all', 'allSettled', 'any', 'race', 'resolve', 'reject',
  'withResolvers', 'next', 'return', 'throw',
  // Map / Set / WeakMap
  'get', 'set', 'has', 'delete', 'clear', 'add',
  // console
  'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table', 'time', 'timeEnd', 'group', 'groupEnd',
  'assert',
  // Events (Node EventEmitter, DOM EventTarget)
  'on', 'once', 'off', 'emit', 'addListener', 'removeListener', 'removeAllListeners', 'listeners',
  'listenerCount', 'prependListener', 'setMaxListeners', 'addEventListener', 'removeEventListener',
  'dispatchEvent', 'preventDefault', 'stopPropagation', 'stopImmediatePropagation',
  // Streams, buffers, process
  'write', 'end', 'pipe', 'unpipe', 'destroy', 'pause', 'resume', 'setEncoding', 'cork', 'uncork',
  'exit', 'cwd', 'nextTick', 'hrtime', 'alloc', 'allocUnsafe', 'byteLength', 'isBuffer', 'subarray',
  'readUInt8', 'writeUInt8',
  // DOM
  'querySelector', 'querySelectorAll', 'getElementById', 'getElementsByClassName',
  'getElementsByTagName', 'createElement', 'createElementNS', 'createTextNode', 'appendChild',
  'removeChild', 'insertBefore', 'replaceChild', 'cloneNode', 'contains', 'append', 'prepend',
  'remove', 'setAttribute', 'getAttribute', 'removeAttribute', 'hasAttribute', 'toggleAttribute',
  'getBoundingClientRect', 'focus', 'blur', 'click', 'scrollIntoView', 'closest', 'matches',
  'getContext', 'observe', 'unobserve', 'disconnect', 'abort', 'json', 'text', 'arrayBuffer',
  'blob', 'formData', 'postMessage', 'terminate',
]);

/** Type names written in annotations that denote built-in types, never repo classes. */
export const BUILTIN_TYPE_NAMES: ReadonlySet<string> = new Set([
  'string', 'number', 'boolean', 'bigint', 'symbol', 'object', 'any', 'unknown', 'never', 'void',
  'undefined', 'null', 'Array', 'ReadonlyArray', 'Promise', 'PromiseLike', 'Map', 'ReadonlyMap',
  'Set', 'ReadonlySet', 'WeakMap', 'WeakSet', 'Record', 'Partial', 'Required', 'Readonly', 'Pick',
  'Omit', 'Iterable', 'Iterator', 'AsyncIterable', 'AsyncIterator', 'Generator', 'AsyncGenerator',
  ...GLOBAL_NAMES,
]);

export function isGlobalName(name: string): boolean {
  return GLOBAL_NAMES.has(name);
}

export function isBuiltinMethodName(name: string): boolean {
  return BUILTIN_METHOD_NAMES.has(name);
}

export function isBuiltinTypeName(name: string): boolean {
  return BUILTIN_TYPE_NAMES.has(name);
}
