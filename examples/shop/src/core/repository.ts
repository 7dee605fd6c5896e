import type { Entity, EntityId } from './entity';

/** Storage of one kind of entity. The shop only ships an in-memory implementation. */
export interface Repository<T extends Entity> {
  get(id: EntityId): T | undefined;
  save(entity: T): T;
  remove(id: EntityId): boolean;
  all(): T[];
}

export type Predicate<T> = (item: T) => boolean;

export class InMemoryRepository<T extends Entity> implements Repository<T> {
  protected readonly items = new Map<EntityId, T>();

  get(id: EntityId): T | undefined {
    return this.items.get(id);
  }

  save(entity: T): T {
    this.items.set(entity.id, entity);
    return entity;
  }

  remove(id: EntityId): boolean {
    return this.items.delete(id);
  }

  all(): T[] {
    return [...this.items.values()];
  }

  where(predicate: Predicate<T>): T[] {
    return this.all().filter(predicate);
  }

  count(): number {
    return this.items.size;
  }
}
