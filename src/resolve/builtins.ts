// Node's builtin modules, fixed here rather than read from node:module so the answer does not
// depend on the Node version codegraph happens to run on. `node:`-prefixed names are always builtin.
const BUILTINS = new Set([
  'assert', 'assert/strict', 'async_hooks', 'buffer', 'child_process', 'cluster', 'console', 'constants',
  'crypto', 'dgram', 'diagnostics_channel', 'dns', 'dns/promises', 'domain', 'events', 'fs', 'fs/promises',
  'http', 'http2', 'https', 'inspector', 'inspector/promises', 'module', 'net', 'os', 'path', 'path/posix',
  'path/win32', 'perf_hooks', 'process', 'punycode', 'querystring', 'readline', 'readline/promises', 'repl',
  'stream', 'stream/consumers', 'stream/promises', 'stream/web', 'string_decoder', 'sys', 'timers',
  'timers/promises', 'tls', 'trace_events', 'tty', 'url', 'util', 'util/types', 'v8', 'vm', 'wasi',
  'worker_threads', 'zlib',
]);

/** The builtin's name without `node:`, or undefined when the specifier is not a Node builtin. */
export function builtinName(specifier: string): string | undefined {
  if (specifier.startsWith('node:')) return specifier.slice('node:'.length);
  return BUILTINS.has(specifier) ? specifier : undefined;
}
