export { type ConsentStatement, type ConsentView, consentView, mayContact } from './consent.ts';
export {
  type CustomerView,
  customerTimeline,
  customerView,
  customerViewOf,
  findCustomer,
  mergeHistory,
  searchCustomers,
  type TimelinePage,
  type TimelineRequest,
  type TraitValue,
} from './customer-view.ts';
export { parseIdentifierQuery } from './identifier-query.ts';
export { type CustomerExport, eraseCustomer, exportCustomer } from './privacy.ts';
export { refreshAllProfiles, refreshProfiles } from './refresh.ts';
export { decodeCursor, encodeCursor, type TimelinePosition } from './timeline-cursor.ts';
export {
  CustomerViewCache,
  type CustomerViews,
  storeViews,
  type ViewCacheOptions,
  type ViewCacheState,
} from './view-cache.ts';
