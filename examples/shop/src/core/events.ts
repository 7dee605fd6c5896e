export type EventName = 'order.placed' | 'order.cancelled' | 'stock.low';

export type Handler<P = unknown> = (payload: P) => void;

/** A synchronous publish/subscribe hub between the services of the shop. */
export class EventBus {
  private readonly handlers = new Map<EventName, Handler[]>();

  /** Subscribes; the function returned unsubscribes. */
  on(event: EventName, handler: Handler): () => void {
    const list = this.handlers.get(event) ?? [];
    list.push(handler);
    this.handlers.set(event, list);
    return () => this.off(event, handler);
  }

  off(event: EventName, handler: Handler): void {
    const list = this.handlers.get(event);
    if (!list) return;
    this.handlers.set(
      event,
      list.filter((h) => h !== handler),
    );
  }

  /** Calls every handler of the event in subscription order; returns how many ran. */
  emit(event: EventName, payload: unknown): number {
    const list = this.handlers.get(event) ?? [];
    for (const handler of list) handler(payload);
    return list.length;
  }
}
