import { type DataSource, In } from 'typeorm';
import { Product } from '../../src/catalog/entities/product.entity.js';
import { StockMovement } from '../../src/catalog/entities/stock-movement.entity.js';
import { Variant } from '../../src/catalog/entities/variant.entity.js';
import { OutboxMessage } from '../../src/mail/entities/outbox-message.entity.js';
import { OrderLine } from '../../src/orders/entities/order-line.entity.js';
import { OrderStatusChange } from '../../src/orders/entities/order-status-change.entity.js';
import { Order } from '../../src/orders/entities/order.entity.js';
import type { ProductFixture } from './factories.js';

/** Everything placing an order writes: its rows, and the stock and sales of these products. Equal before and after: nothing was written. */
export async function orderFootprint(dataSource: DataSource, products: ProductFixture[]) {
  const repository = dataSource.getRepository.bind(dataSource);
  const variantIds = products.flatMap((product) => product.variantIds);
  return {
    orders: await repository(Order).count(),
    orderLines: await repository(OrderLine).count(),
    statusChanges: await repository(OrderStatusChange).count(),
    outbox: await repository(OutboxMessage).count(),
    stockMovements: await repository(StockMovement).count(),
    stock: (await repository(Variant).find({ where: { id: In(variantIds) }, order: { id: 'ASC' } })).map((variant) => variant.stock),
    unitsSold: (await repository(Product).find({ where: { slug: In(products.map((p) => p.slug)) }, order: { id: 'ASC' } })).map((p) => p.unitsSold),
  };
}
