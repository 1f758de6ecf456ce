// Words Claroty uses for a closed alert: CTD `ResolvedAs`/`CtdAlertStatus` (`Resolved`, `Approved`),
// xDome `alert_device_status`. Anything else (`Unresolved`, empty, unknown) keeps the finding active.
const RESOLVED_WORDS: ReadonlySet<string> = new Set([
  'resolved',
  'approved',
  'closed',
  'archived',
  'dismissed',
  'ignored',
  'false positive',
  'remediated',
  'mitigated',
  'fixed',
]);

/** Whether a Claroty resolution or status value says the alert is resolved or closed. */
export function isResolvedStatus(value: string | undefined): boolean {
  if (value === undefined) return false;
  const word = value.trim().toLowerCase();
  return RESOLVED_WORDS.has(word) || word.startsWith('resolved');
}
