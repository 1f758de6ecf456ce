import {
  type CefRecord,
  type CommonParserOptions,
  createDiagnostic,
  defineParser,
  type ParserContext,
  type ParserOutcome,
} from '@otbridge/core';
import { buildClarotyFinding, CLAROTY_PARSER_ID } from './build-claroty-finding.js';
import { CLAROTY_DIAGNOSTIC_CODES } from './claroty-diagnostic-codes.js';
import type { ClarotyEvent } from './claroty-event.js';
import {
  CLAROTY_DIALECTS,
  CLAROTY_PRODUCTS,
  detectClarotyDialect,
  isClarotyProduct,
} from './detect-claroty-dialect.js';
import { mapCtdLatestRecord } from './map-claroty-ctd-latest.js';
import { mapCtdLegacyRecord } from './map-claroty-ctd-legacy.js';
import { mapSraRecord } from './map-claroty-sra.js';
import { mapXdomeRecord } from './map-claroty-xdome.js';

/** Options of the Claroty parser (only the common ones for now). */
export interface ClarotyParserOptions extends CommonParserOptions {}

const MAPPERS = {
  [CLAROTY_DIALECTS.ctdLegacy]: mapCtdLegacyRecord,
  [CLAROTY_DIALECTS.ctdLatest]: mapCtdLatestRecord,
  [CLAROTY_DIALECTS.sra]: mapSraRecord,
  [CLAROTY_DIALECTS.xdome]: mapXdomeRecord,
} as const satisfies Record<string, (record: CefRecord) => ClarotyEvent>;

/** Claroty CTD (legacy and "CEF (Latest)"), SRA and xDome / Medigate CEF events to ASFF findings. */
export const clarotyParser = defineParser<ClarotyParserOptions>({
  id: CLAROTY_PARSER_ID,
  packageName: '@otbridge/parser-claroty',
  version: '0.1.0',
  vendor: 'Claroty',
  docsUrl: 'https://github.com/otbridge/otbridge/tree/main/packages/parser-claroty#readme',
  claims: CLAROTY_PRODUCTS.map(({ deviceVendor, deviceProduct }) => ({ deviceVendor, deviceProduct })),
  defaultOptions: { includeHealthAndAudit: false },
  diagnosticCodes: Object.values(CLAROTY_DIAGNOSTIC_CODES),
  matches: isClarotyProduct,
  normalize(record: CefRecord, context: ParserContext<ClarotyParserOptions>): ParserOutcome {
    const dialect = detectClarotyDialect(record);
    if (dialect === undefined) {
      return {
        outcome: 'rejected',
        diagnostics: [
          createDiagnostic(
            CLAROTY_DIAGNOSTIC_CODES.unrecognizedLayout,
            'error',
            `A ${record.deviceVendor} ${record.deviceProduct} record without any key of a known Claroty layout ` +
              "(Ctd* keys, legacy cs-labels, SRA or xDome keys); check the sensor's syslog message format (CEF or CEF (Latest)).",
          ),
        ],
      };
    }
    const event = MAPPERS[dialect](record);
    if (event.kind !== 'finding' && context.options.includeHealthAndAudit !== true) {
      return {
        outcome: 'skipped',
        reason: `Claroty ${event.kind} event (${record.deviceEventClassId}: ${record.name}); set includeHealthAndAudit to import it as an INFORMATIONAL finding.`,
        diagnostics: event.diagnostics,
      };
    }
    return buildClarotyFinding(record, event, context);
  },
});
