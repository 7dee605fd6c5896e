export * from './entity.js';
export * from './errors.js';
export * from './money';
export type { Predicate, Repository } from './repository';
export { InMemoryRepository } from './repository';
export { EventBus as Bus } from './events';
export type { EventName, Handler } from './events';
