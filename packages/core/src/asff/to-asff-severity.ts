import type { AwsSecurityFinding, SeverityLabel } from '@aws-sdk/client-securityhub';
import { ASFF_LIMITS } from './asff-limits.js';
import { fitUtf16 } from './truncate-utf16.js';

/** A complete ASFF severity: the label, the 0-100 score it came from, and the vendor's own value. */
export interface AsffSeverity {
  readonly Label: SeverityLabel;
  readonly Normalized: number;
  readonly Original: string;
}

/** Input of `toAsffSeverity`: a vendor score already placed on 0-100, and the vendor's raw severity. */
export interface ToAsffSeverityInput {
  readonly normalized: number;
  readonly original: string;
}

/**
 * Maps a 0-100 score to the label Security Hub itself derives from `Normalized` (0 INFORMATIONAL,
 * 1-39 LOW, 40-69 MEDIUM, 70-89 HIGH, 90-100 CRITICAL). Out-of-range scores are clamped, NaN is 0.
 */
export function toAsffSeverityLabel(normalized: number): SeverityLabel {
  const score = clampScore(normalized);
  if (score === 0) return 'INFORMATIONAL';
  if (score < 40) return 'LOW';
  if (score < 70) return 'MEDIUM';
  if (score < 90) return 'HIGH';
  return 'CRITICAL';
}

/**
 * Builds `Severity` from a vendor scale already mapped to 0-100. `Original` keeps the vendor's value
 * (truncated to 64); a blank original falls back to the score, since ASFF strings must not be empty.
 */
export function toAsffSeverity(input: ToAsffSeverityInput): AsffSeverity {
  const score = clampScore(input.normalized);
  const original = input.original.trim() === '' ? String(score) : input.original;
  return {
    Label: toAsffSeverityLabel(score),
    Normalized: score,
    Original: fitUtf16(original, ASFF_LIMITS.SEVERITY_ORIGINAL),
  };
}

/**
 * Returns a copy of `finding` whose `FindingProviderFields` mirror its top-level Severity (Label and
 * Original), Types, Confidence, Criticality and RelatedFindings, the values Security Hub prefers from a
 * provider (asff.md §9). Existing provider fields that have no top-level counterpart are kept.
 */
export function withFindingProviderFields<T extends AwsSecurityFinding>(finding: T): T {
  const fields = { ...finding.FindingProviderFields };
  const severity = finding.Severity;
  if (severity && (severity.Label !== undefined || severity.Original !== undefined)) {
    fields.Severity = {
      ...(severity.Label !== undefined && { Label: severity.Label }),
      ...(severity.Original !== undefined && { Original: severity.Original }),
    };
  }
  if (finding.Types !== undefined) fields.Types = [...finding.Types];
  if (finding.Confidence !== undefined) fields.Confidence = finding.Confidence;
  if (finding.Criticality !== undefined) fields.Criticality = finding.Criticality;
  if (finding.RelatedFindings !== undefined)
    fields.RelatedFindings = finding.RelatedFindings.map((r) => ({ ...r }));
  return { ...finding, FindingProviderFields: fields };
}

function clampScore(value: number): number {
  if (!Number.isFinite(value)) return Number.isNaN(value) ? 0 : value > 0 ? ASFF_LIMITS.RATIO_MAX : 0;
  return Math.min(ASFF_LIMITS.RATIO_MAX, Math.max(0, Math.round(value)));
}
