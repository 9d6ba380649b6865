import { InitialSchema1795758647283 } from './1795758647283-InitialSchema.js';
import { AddAccountSecurity1795758933532 } from './1795758933532-AddAccountSecurity.js';
import { AddTotpLastUsedStep1795761998485 } from './1795761998485-AddTotpLastUsedStep.js';
import { CatalogModel1795767058322 } from './1795767058322-CatalogModel.js';
import { IndexOrderLineVariant1795769096051 } from './1795769096051-IndexOrderLineVariant.js';
import { AddCoPurchase1796410685217 } from './1796410685217-AddCoPurchase.js';
import { AddStaffInvitations1796410749968 } from './1796410749968-AddStaffInvitations.js';
import { AddAuditLog1796412892169 } from './1796412892169-AddAuditLog.js';
import { AddStockMovementActor1796413399317 } from './1796413399317-AddStockMovementActor.js';
import { AddProductArchivedStatus1796413436262 } from './1796413436262-AddProductArchivedStatus.js';
import { IndexOrderListsAndAuditFilters1796413590574 } from './1796413590574-IndexOrderListsAndAuditFilters.js';
import { AddEmailTemplates1796413646409 } from './1796413646409-AddEmailTemplates.js';
import { AddCsvImports1796414221032 } from './1796414221032-AddCsvImports.js';
import { AddJobRun1796414265703 } from './1796414265703-AddJobRun.js';
import { IndexOrderPlacedAt1796414919244 } from './1796414919244-IndexOrderPlacedAt.js';
import { DropRedundantOrderPlacedAtIndex1796416020410 } from './1796416020410-DropRedundantOrderPlacedAtIndex.js';
import { AddCheckoutPricing1796418270930 } from './1796418270930-AddCheckoutPricing.js';
import { AddOrderPayments1796418816776 } from './1796418816776-AddOrderPayments.js';
import { AddReceiptsAndInvoices1796423374249 } from './1796423374249-AddReceiptsAndInvoices.js';
import { OrderFulfilmentAndShipments1796423423481 } from './1796423423481-OrderFulfilmentAndShipments.js';
import { AddJobLease1796423519917 } from './1796423519917-AddJobLease.js';
import { AddPaymentCouponOverLimit1796423768245 } from './1796423768245-AddPaymentCouponOverLimit.js';
import { AddReturns1796425607245 } from './1796425607245-AddReturns.js';
import { AddCodRiskAndReminders1796427083366 } from './1796427083366-AddCodRiskAndReminders.js';

/** MySQL/MariaDB migrations in the order they run. Add each new generated migration here. */
export const mysqlMigrations = [InitialSchema1795758647283, AddAccountSecurity1795758933532, AddTotpLastUsedStep1795761998485, CatalogModel1795767058322, IndexOrderLineVariant1795769096051, AddCoPurchase1796410685217, AddStaffInvitations1796410749968, AddAuditLog1796412892169, AddStockMovementActor1796413399317, AddProductArchivedStatus1796413436262, IndexOrderListsAndAuditFilters1796413590574, AddEmailTemplates1796413646409, AddCsvImports1796414221032, AddJobRun1796414265703, IndexOrderPlacedAt1796414919244, DropRedundantOrderPlacedAtIndex1796416020410, AddCheckoutPricing1796418270930, AddOrderPayments1796418816776, AddReceiptsAndInvoices1796423374249, OrderFulfilmentAndShipments1796423423481, AddJobLease1796423519917, AddPaymentCouponOverLimit1796423768245, AddReturns1796425607245, AddCodRiskAndReminders1796427083366];
