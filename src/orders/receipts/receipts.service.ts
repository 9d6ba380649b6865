import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { NotFoundError } from '../../common/errors.js';
import { SettingsService } from '../../settings/settings.service.js';
import { OrderLine } from '../entities/order-line.entity.js';
import { Order } from '../entities/order.entity.js';
import { mayActOnOrder, OrderLinks, type OrderViewer } from '../order-links.js';
import { Invoice } from './invoice.entity.js';
import { OrderReceipt } from './order-receipt.entity.js';
import { receiptOf, type Receipt } from './receipt.js';

/** What the receipt and invoice pages print: the snapshot taken at placing, and the invoice once paid. */
export interface ReceiptPage {
  receipt: Receipt;
  invoice: { number: string; paidAt: Date } | null;
}

/** Receipts and invoices, for the order's customer and for the owner. */
@Injectable()
export class Receipts {
  constructor(
    private readonly links: OrderLinks,
    private readonly settings: SettingsService,
    @InjectRepository(Order) private readonly orders: Repository<Order>,
    @InjectRepository(OrderReceipt) private readonly receipts: Repository<OrderReceipt>,
    @InjectRepository(Invoice) private readonly invoices: Repository<Invoice>,
    @InjectRepository(OrderLine) private readonly lines: Repository<OrderLine>,
  ) {}

  /** The receipt for the order's customer (signed in, this session's order, or a signed link); 404 to anyone else. */
  async forCustomer(number: string, viewer: OrderViewer): Promise<ReceiptPage> {
    const order = await this.orders.findOneBy({ number });
    if (!order || !mayActOnOrder(order, viewer, this.links)) throw new NotFoundError('That order');
    return this.pageOf(order);
  }

  async forOwner(number: string): Promise<ReceiptPage> {
    const order = await this.orders.findOneBy({ number });
    if (!order) throw new NotFoundError('That order');
    return this.pageOf(order);
  }

  /** The invoice number of each of these orders that has one. */
  async invoiceNumbers(orderIds: number[]): Promise<Map<number, string>> {
    if (orderIds.length === 0) return new Map();
    const rows = await this.invoices.createQueryBuilder('i').where('i.orderId IN (:...orderIds)', { orderIds }).getMany();
    return new Map(rows.map((row) => [row.orderId, row.number]));
  }

  private async pageOf(order: Order): Promise<ReceiptPage> {
    const [stored, invoice] = await Promise.all([this.receipts.findOneBy({ orderId: order.id }), this.invoices.findOneBy({ orderId: order.id })]);
    return {
      receipt: stored ? (JSON.parse(stored.body) as Receipt) : await this.rebuilt(order),
      invoice: invoice && { number: invoice.number, paidAt: invoice.paidAt },
    };
  }

  /** Orders placed before receipts were stored: their receipt as the order's own copied lines and amounts tell it. */
  private async rebuilt(order: Order): Promise<Receipt> {
    const lines = await this.lines.find({ where: { orderId: order.id }, order: { id: 'ASC' } });
    return receiptOf(order, lines, (await this.settings.storeSettings()).shopName);
  }
}
