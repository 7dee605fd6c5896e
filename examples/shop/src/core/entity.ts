/**
 * Base types shared by every persisted record of the shop: products, customers and orders.
 */

export interface Identifiable {
  readonly id: string;
}

export interface Auditable extends Identifiable {
  readonly createdAt: Date;
  updatedAt: Date;
  touch(): void;
}

export interface Serializable {
  toJSON(): Record<string, unknown>;
}

export type EntityId = string;

let sequence = 0;

/** A readable, roughly time-ordered id such as `ord_lx3k2a_7`. */
export function nextId(prefix: string): EntityId {
  sequence += 1;
  return `${prefix}_${Date.now().toString(36)}_${sequence}`;
}

export abstract class Entity implements Auditable, Serializable {
  readonly id: EntityId;
  readonly createdAt: Date;
  updatedAt: Date;

  protected constructor(prefix: string, id?: EntityId) {
    this.id = id ?? nextId(prefix);
    this.createdAt = new Date();
    this.updatedAt = this.createdAt;
  }

  touch(): void {
    this.updatedAt = new Date();
  }

  /** The problems that keep this record from being saved; empty when it is valid. */
  abstract validate(): string[];

  isValid(): boolean {
    return this.validate().length === 0;
  }

  toJSON(): Record<string, unknown> {
    return {
      id: this.id,
      createdAt: this.createdAt.toISOString(),
      updatedAt: this.updatedAt.toISOString(),
    };
  }

  toString(): string {
    return JSON.stringify(this.toJSON());
  }
}
