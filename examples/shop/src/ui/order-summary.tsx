import type { Order, OrderLine } from '../orders/order';
import { money } from '../util/format';

export interface OrderSummaryProps {
  readonly order: Order;
  readonly title?: string;
}

function LineRow({ line }: { line: OrderLine }) {
  return (
    <tr>
      <td>{line.product.title}</td>
      <td>{line.quantity}</td>
      <td>{money(line.product.price)}</td>
    </tr>
  );
}

/** The order table of the confirmation e-mail. */
export function OrderSummary({ order, title = 'Your order' }: OrderSummaryProps) {
  const rows = order.lines.map((line) => <LineRow key={line.product.id} line={line} />);
  return (
    <section className="order-summary">
      <h2>{title}</h2>
      <table>
        <tbody>{rows}</tbody>
      </table>
      <p>Total: {money(order.total)}</p>
    </section>
  );
}
