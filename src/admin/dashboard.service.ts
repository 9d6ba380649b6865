import { Inject, Injectable } from '@nestjs/common';
import { StockReports } from '../catalog/stock-reports.service.js';
import { addDays, dayOf } from '../common/store-calendar.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { OrderStatus } from '../orders/entities/order.entity.js';
import { REVENUE_STATUSES, STATUS_LABELS } from '../orders/order-status.js';
import { OrdersService } from '../orders/orders.service.js';
import { SalesFigures } from '../orders/sales-figures.service.js';
import { DAYS_READ, periodComparisons, salesChart } from './sales-summary.js';

const TOP_PRODUCTS = 5;
const LIST_LENGTH = 10;
const CHART_DAYS = 30;

/**
 * The dashboard: sales today and over 7 and 30 days against the periods before, a 30-day chart, the
 * best sellers, what runs low, broken size runs, orders to handle and the newest orders. A fixed
 * number of queries whatever the shop holds: sales are grouped by day in SQL, lists are limited.
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly sales: SalesFigures,
    private readonly orders: OrdersService,
    private readonly stock: StockReports,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async dashboard(now = new Date()) {
    const zone = this.config.storeTimeZone;
    const today = dayOf(zone, now);
    const [byDay, topProducts, lowStock, brokenRuns, counts, recent] = await Promise.all([
      this.sales.byDay(addDays(today, 1 - DAYS_READ), today),
      this.sales.topProducts(addDays(today, 1 - CHART_DAYS), TOP_PRODUCTS),
      this.stock.lowStock(1, LIST_LENGTH),
      this.stock.brokenSizeRuns(LIST_LENGTH),
      this.sales.ordersByStatus(),
      this.orders.recentOrders(LIST_LENGTH),
    ]);
    return {
      today,
      timeZone: zone,
      revenueStatuses: REVENUE_STATUSES.map((status) => STATUS_LABELS[status].toLowerCase()),
      periods: periodComparisons(byDay, today),
      chart: salesChart(byDay, today, CHART_DAYS),
      topProducts,
      lowStock,
      brokenRuns,
      statuses: Object.values(OrderStatus).map((status) => ({ status, label: STATUS_LABELS[status], count: counts[status] ?? 0 })),
      recent,
    };
  }
}
