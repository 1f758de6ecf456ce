import { readFileSync } from 'node:fs';
import { createParserRegistry, normalizeLine } from '@otbridge/core';
import { TEST_CONTEXT } from '@otbridge/core/testing';
import { describe, expect, test } from 'vitest';
import { clarotyParser } from '../src/index.js';

const registry = createParserRegistry([clarotyParser], { fallback: false });

function normalizeFixture(name: string) {
  const line = readFileSync(new URL(`./fixtures/valid/${name}.log`, import.meta.url), 'utf8');
  const result = normalizeLine(line, registry, TEST_CONTEXT, { strict: false });
  if (result.outcome !== 'finding') throw new Error(`${name}: expected a finding, got ${result.outcome}`);
  return result.finding;
}

// An open and a later resolved line for the same alert: same Id, ACTIVE then ARCHIVED, and a later
// UpdatedAt so Security Hub applies the second as an update.
const PAIRS = [
  ['CTD CEF(Latest) CtdAlertStatus', 'ctd-alert--new-asset-unresolved', 'ctd-alert--new-asset-resolved'],
  [
    'CTD legacy cs3 ResolvedAs',
    'ctd-legacy-alert--configuration-download-unresolved',
    'ctd-legacy-alert--configuration-download-resolved',
  ],
  [
    'xDome alert_device_status',
    'xdome-alert--out-of-policy-communication-unresolved',
    'xdome-alert--out-of-policy-communication-resolved',
  ],
] as const;

describe('resolved alerts archive the same finding', () => {
  for (const [label, open, resolved] of PAIRS) {
    test(label, () => {
      const first = normalizeFixture(open);
      const second = normalizeFixture(resolved);
      expect(second.Id).toBe(first.Id);
      expect(first.RecordState).toBe('ACTIVE');
      expect(second.RecordState).toBe('ARCHIVED');
      expect(Date.parse(second.UpdatedAt as string)).toBeGreaterThan(Date.parse(first.UpdatedAt as string));
      expect(second.GeneratorId).toBe(first.GeneratorId);
    });
  }

  test('a resolved status alone (CtdAlertStatus=Resolved) archives a sample alert', () => {
    const finding = normalizeFixture('ctd-alert--configuration-download-named-new-asset-resolved');
    expect(finding.RecordState).toBe('ARCHIVED');
    expect(finding.Workflow?.Status).toBe('RESOLVED');
  });
});
