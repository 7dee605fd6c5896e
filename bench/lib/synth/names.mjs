// Word lists for names that read like application code. Uniqueness is enforced by NameRegistry.

export const AREAS = [
  'billing', 'catalog', 'accounts', 'shipping', 'search', 'reports', 'auth', 'inventory',
  'payments', 'notifications', 'analytics', 'media', 'orders', 'pricing', 'support',
  'scheduling', 'messaging', 'storage', 'workflow', 'identity', 'checkout', 'content',
  'audit', 'integrations', 'marketing', 'compliance', 'logistics', 'feeds',
];

export const MODULES = [
  'core', 'models', 'services', 'handlers', 'adapters', 'utils', 'store', 'api', 'events',
  'jobs', 'cache', 'validation', 'mappers', 'policies', 'repository', 'views', 'config',
  'metrics', 'queue', 'client', 'domain', 'transport', 'rules', 'sync',
];

export const NOUNS = [
  'invoice', 'ledger', 'order', 'customer', 'product', 'account', 'session', 'token',
  'payment', 'refund', 'shipment', 'carrier', 'report', 'metric', 'event', 'message',
  'channel', 'user', 'role', 'permission', 'schedule', 'task', 'job', 'record', 'entry',
  'batch', 'price', 'discount', 'coupon', 'cart', 'item', 'asset', 'image', 'document',
  'template', 'rule', 'filter', 'query', 'cursor', 'page', 'stream', 'signal', 'tenant',
  'region', 'address', 'contract', 'quota', 'webhook', 'snapshot', 'revision',
];

export const ROLES = [
  'service', 'store', 'client', 'mapper', 'handler', 'helpers', 'factory', 'validator',
  'builder', 'parser', 'formatter', 'registry', 'provider', 'controller', 'adapter',
  'resolver', 'manager', 'policy', 'utils', 'queue', 'loader', 'tracker',
];

export const VERBS = [
  'load', 'save', 'parse', 'build', 'format', 'validate', 'resolve', 'compute', 'merge',
  'normalize', 'apply', 'render', 'dispatch', 'refresh', 'collect', 'filter', 'sort',
  'group', 'create', 'update', 'remove', 'find', 'fetch', 'sync', 'track', 'register',
  'publish', 'schedule', 'encode', 'decode', 'compare', 'summarize',
];

export const TYPE_SUFFIXES = ['Id', 'State', 'Options', 'Result', 'Payload', 'Summary', 'Key', 'Status'];
export const IFACE_SUFFIXES = ['Repository', 'Reader', 'Writer', 'Source', 'Sink', 'Listener', 'Gateway', 'Port'];

export const capitalize = (word) => word.charAt(0).toUpperCase() + word.slice(1);
export const pascal = (kebab) => kebab.split('-').map(capitalize).join('');
export const camel = (kebab) => {
  const p = pascal(kebab);
  return p.charAt(0).toLowerCase() + p.slice(1);
};

/** Hands out names that are unique across the whole repository (a numeric suffix on collision). */
export function createNameRegistry() {
  const used = new Map();
  return (base) => {
    const count = used.get(base) ?? 0;
    used.set(base, count + 1);
    return count === 0 ? base : `${base}${count + 1}`;
  };
}
