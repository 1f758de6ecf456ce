import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';

/** The vendor event id at the end of an otbridge finding Id (`…/event/<id>`, Claroty `…alert%002F<id>`). */
export function toEventKey(finding: AwsSecurityFinding): string {
  return (finding.Id ?? '').split(/\/|%002F/).at(-1) ?? '';
}

/** Event keys that start with `tag`, sorted. */
export function eventKeysTagged(findings: readonly AwsSecurityFinding[], tag: string): string[] {
  return findings
    .map(toEventKey)
    .filter((key) => key.startsWith(tag))
    .sort();
}

/** The keys createVendorLines(count, { tag }) produces, sorted. */
export function expectedKeys(tag: string, count: number, offset = 0): string[] {
  return Array.from({ length: count }, (_, index) => `${tag}${offset + index}`).sort();
}
