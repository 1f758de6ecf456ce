import { batchImportFindings } from '../operations/batch-import-findings.js';
import { batchUpdateFindings } from '../operations/batch-update-findings.js';
import { getFindings } from '../operations/get-findings.js';
import type { OperationContext } from '../operations/operation-context.js';

/** Operations the local server speaks. */
export const OPERATION_NAMES = ['BatchImportFindings', 'GetFindings', 'BatchUpdateFindings'] as const;

/** One of {@link OPERATION_NAMES}. */
export type OperationName = (typeof OPERATION_NAMES)[number];

/** A routed operation: its name and handler. */
export interface Route {
  name: OperationName;
  handle: (body: Record<string, unknown>, context: OperationContext) => unknown;
}

// REST paths and methods as @aws-sdk/client-securityhub serialises them (its operation schemas' http trait).
const ROUTES: ReadonlyMap<string, Route> = new Map<string, Route>([
  ['POST /findings/import', { name: 'BatchImportFindings', handle: batchImportFindings }],
  ['POST /findings', { name: 'GetFindings', handle: getFindings }],
  ['PATCH /findings/batchupdate', { name: 'BatchUpdateFindings', handle: batchUpdateFindings }],
]);

/** Finds the operation for a method and URL (query string ignored); undefined when none matches. */
export function routeRequest(method: string | undefined, url: string | undefined): Route | undefined {
  const path = (url ?? '/').split('?', 1)[0]!.replace(/\/+$/, '') || '/';
  return ROUTES.get(`${method ?? 'GET'} ${path}`);
}
