import { InitialSchema1795758646720 } from './1795758646720-InitialSchema.js';
import { AddAccountSecurity1795758932244 } from './1795758932244-AddAccountSecurity.js';
import { AddTotpLastUsedStep1795761997105 } from './1795761997105-AddTotpLastUsedStep.js';
import { CatalogModel1795767057801 } from './1795767057801-CatalogModel.js';
import { IndexOrderLineVariant1795769095194 } from './1795769095194-IndexOrderLineVariant.js';
import { AddCoPurchase1796410684991 } from './1796410684991-AddCoPurchase.js';
import { AddStaffInvitations1796410749243 } from './1796410749243-AddStaffInvitations.js';
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

/** SQLite migrations in the order they run. Add each new generated migration here. */
export const sqliteMigrations = [InitialSchema1795758646720, AddAccountSecurity1795758932244, AddTotpLastUsedStep1795761997105, CatalogModel1795767057801, IndexOrderLineVariant1795769095194, AddCoPurchase1796410684991, AddStaffInvitations1796410749243, AddAuditLog1796412892169, AddStockMovementActor1796413399317, AddProductArchivedStatus1796413436262, IndexOrderListsAndAuditFilters1796413590574, AddEmailTemplates1796413646409, AddCsvImports1796414221032, AddJobRun1796414265703, IndexOrderPlacedAt1796414919244, DropRedundantOrderPlacedAtIndex1796416020410, AddCheckoutPricing1796418270930, AddOrderPayments1796418816776, AddReceiptsAndInvoices1796423374249, OrderFulfilmentAndShipments1796423423481, AddJobLease1796423519917, AddPaymentCouponOverLimit1796423768245, AddReturns1796425607245, AddCodRiskAndReminders1796427083366];
