import { NotFoundError } from '../../common/errors.js';
import type { ReceiptPage } from './receipts.service.js';

/**
 * The receipt page's view model, for the customer's and the owner's copies alike: the invoice page is
 * the receipt with the invoice's number and paid date, and exists only once the order is paid.
 * `base`: the order's pages' address (/orders/AK-… or /admin/orders/AK-…), `query`: what each link keeps (a signed token).
 */
export function receiptView(page: ReceiptPage, which: 'receipt' | 'invoice', base: string, query = '') {
  if (which === 'invoice' && !page.invoice) throw new NotFoundError('An invoice for this order (it is given once the order is paid)');
  const showingInvoice = which === 'invoice';
  return {
    title: showingInvoice ? `Invoice ${page.invoice?.number}` : `Receipt ${page.receipt.orderNumber}`,
    ...page,
    // The money helper prints in the currency of the page's root: the order's, not today's setting.
    currency: page.receipt.currency,
    showingInvoice,
    receiptUrl: `${base}/receipt${query}`,
    invoiceUrl: `${base}/invoice${query}`,
    scripts: ['/js/print.js'],
  };
}
