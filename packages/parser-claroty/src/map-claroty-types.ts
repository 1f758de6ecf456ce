import { ASSET_DISCOVERY_FINDING_TYPE, createInputMemo, detachString, toFindingType } from '@otbridge/core';

/** ASFF `Types` values this parser emits (namespace/category[/classifier]). */
export const CLAROTY_FINDING_TYPES = {
  ttps: 'TTPs',
  commandAndControl: 'TTPs/Command and Control',
  networkFlow: 'Unusual Behaviors/Network Flow',
  user: 'Unusual Behaviors/User',
  configurationChecks: 'Software and Configuration Checks',
  cve: 'Software and Configuration Checks/Vulnerabilities/CVE',
  passwords: 'Sensitive Data Identifications/Passwords',
  assetDiscovery: ASSET_DISCOVERY_FINDING_TYPE,
  /** `includeHealthAndAudit`: sensor health (CTD HealthCheck, xDome server incidents). */
  health: 'Software and Configuration Checks/OT Sensor Health',
  /** `includeHealthAndAudit`: audit trail (CTD ActivityLog, SRA logins). */
  audit: 'Software and Configuration Checks/OT Audit Log',
} as const;

// "New Asset" and kin (vendors.md §2.8): CTD alert/event types that announce a device appearing, changing
// identity or disappearing. Compared lower-case.
const CTD_ASSET_DISCOVERY_TYPES: ReadonlySet<string> = new Set([
  'new asset',
  'new conflict asset',
  'asset information change',
  'information change',
  'asset down',
  'network entity conflict',
]);

/** Whether a CTD alert or event type (class suffix, Name or category suffix) is an asset-discovery event. */
export function isCtdAssetDiscoveryType(value: string | undefined): boolean {
  return value !== undefined && CTD_ASSET_DISCOVERY_TYPES.has(value.trim().toLowerCase());
}

// xDome change types that mean a device appeared, came back or moved (vendors.md §2.8).
const XDOME_ASSET_CHANGE_TYPES: ReadonlySet<string> = new Set(['offline status change', 'location change']);

/** Whether an xDome `device_change_event` `change_type` is an asset-discovery event. */
export function isXdomeAssetChangeType(value: string | undefined): boolean {
  return value !== undefined && XDOME_ASSET_CHANGE_TYPES.has(value.trim().toLowerCase());
}

/**
 * `TTPs/<tactic>` for each ATT&CK (enterprise or ICS) tactic name in a comma list
 * (`CtdMitreAttackTacticNames=Command and Control, Discovery`); `/` inside a name becomes `-`.
 */
export function toTacticTypes(value: string | undefined): readonly string[] {
  return value === undefined ? [] : toTacticTypesOfList(value);
}

// Per list as sent: a handful of lists repeat. Frozen, as records share them.
const toTacticTypesOfList = createInputMemo(
  (value): readonly string[] => {
    const types: string[] = [];
    for (const part of value.split(',')) {
      const tactic = part.trim();
      if (tactic === '' || tactic === 'None' || tactic === '[]') continue;
      const type = toFindingType('TTPs', tactic);
      if (type !== undefined) types.push(detachString(type));
    }
    return Object.freeze(types);
  },
  { maxEntries: 256 },
);
