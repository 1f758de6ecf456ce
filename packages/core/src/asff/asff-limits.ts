/**
 * Limits of ASFF as `BatchImportFindings` accepts it (asff.md §1, §2, §6, §7). Each constant mirrors a
 * keyword in `schema/aws-security-finding.schema.json`; a test keeps the two in step.
 * String lengths are characters; the service's ajv counts Unicode code points, and `truncateUtf16`
 * counts UTF-16 code units, which is never fewer, so a truncated value always fits.
 */
export const ASFF_LIMITS = {
  ID: 512,
  GENERATOR_ID: 512,
  PRODUCT_ARN: 2048,
  PRODUCT_NAME: 128,
  COMPANY_NAME: 128,
  TITLE: 256,
  DESCRIPTION: 1024,
  /** Items of `Types` and of `FindingProviderFields.Types`. */
  TYPES: 50,
  /** `Resources` holds 1 to 32 items (an empty list is rejected by the service). */
  RESOURCES: 32,
  RESOURCE_TYPE: 256,
  RESOURCE_REGION: 16,
  SEVERITY_ORIGINAL: 64,
  /** Confidence, Criticality and Severity.Normalized are integers 0..RATIO_MAX. */
  RATIO_MAX: 100,
  PRODUCT_FIELDS: 50,
  PRODUCT_FIELD_KEY: 128,
  PRODUCT_FIELD_VALUE: 2048,
  USER_DEFINED_FIELDS: 50,
  USER_DEFINED_FIELD_KEY: 128,
  USER_DEFINED_FIELD_VALUE: 1024,
  /** `Details.Other`: 50 pairs; the user guide says keys "fewer than 128" and values "fewer than 1,024". */
  DETAILS_OTHER: 50,
  DETAILS_OTHER_KEY: 127,
  DETAILS_OTHER_VALUE: 1023,
  NOTE_TEXT: 512,
  REMEDIATION_TEXT: 512,
  MALWARE: 5,
  MALWARE_NAME: 64,
  MALWARE_PATH: 512,
  NETWORK_PROTOCOL: 16,
  NETWORK_DOMAIN: 128,
  PROCESS_NAME: 64,
  PROCESS_PATH: 512,
  THREATS: 32,
  THREAT_NAME: 128,
  THREAT_SEVERITY: 128,
  THREAT_FILE_PATHS: 5,
  THREAT_INTEL_INDICATORS: 5,
  THREAT_INTEL_VALUE: 512,
  THREAT_INTEL_SOURCE: 64,
  RELATED_FINDINGS: 10,
  COMPLIANCE_RELATED_REQUIREMENTS: 32,
  GENERATOR_DETAILS_LABELS: 10,
  PATCH_SUMMARY_ID: 256,
  AWS_ACCOUNT_NAME: 50,
  /** Serialized UTF-8 bytes per finding: "240 Kb", read conservatively as 240,000 bytes. */
  FINDING_BYTES: 240_000,
  /** Findings per `BatchImportFindings` request. */
  FINDINGS_PER_REQUEST: 100,
  /** Bytes per `BatchImportFindings` request: "6 MB", read conservatively as 6,000,000. */
  REQUEST_BYTES: 6_000_000,
} as const;

/** The only published ASFF schema version. */
export const ASFF_SCHEMA_VERSION = '2018-10-08';

/** Appended by `truncateUtf16` where it cut a value (one UTF-16 code unit, not whitespace). */
export const ASFF_TRUNCATION_MARKER = '\u2026';
