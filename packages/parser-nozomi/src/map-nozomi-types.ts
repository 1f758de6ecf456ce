import { ASSET_DISCOVERY_FINDING_TYPE, createInputMemo, detachString, toFindingType } from '@otbridge/core';
import type { NozomiTypeFamily } from './detect-nozomi-dialect.js';
import type { NozomiAttack } from './map-nozomi-attack.js';

/** ASFF `Types` of one N2OS event, and whether it is an asset-discovery (new / rogue device) event. */
export interface NozomiTypes {
  readonly types: readonly string[];
  readonly assetDiscovery: boolean;
}

/** The Types category techniques go under (ASFF allows free categories in `TTPs`). */
export const NOZOMI_TECHNIQUE_CATEGORY = 'TTPs/ATT&CK for ICS';

/** Type IDs of the asset-discovery family (vendors.md §3.5; `VI:NEW-SCADA-NODE` "New OT node" added). */
const ASSET_DISCOVERY_TYPE_IDS: ReadonlySet<string> = new Set([
  'VI:NEW-NODE',
  'VI:NEW-SCADA-NODE',
  'VI:NEW-ARP',
  'INCIDENT:NEW-NODE',
  'SIGN:DHCP-OPERATION',
]);

/** Type IDs whose meaning is known well enough for a specific category. */
const TYPE_ID_TYPES: ReadonlyMap<string, string> = new Map([
  ['SIGN:MULTIPLE-UNSUCCESSFUL-LOGINS', 'TTPs/Credential Access'],
  ['SIGN:TCP-SYN-FLOOD', 'Effects/Denial of Service'],
  ['SIGN:MAN-IN-THE-MIDDLE', 'TTPs/Collection'],
  ['SIGN:PROGRAM:CHANGE', 'Software and Configuration Checks/OT Configuration Change'],
  ['SIGN:FIRMWARE-CHANGE', 'Software and Configuration Checks/OT Configuration Change'],
  ['SIGN:CPE:CHANGE', 'Software and Configuration Checks/OT Configuration Change'],
  ['SIGN:PROTOCOL-ERROR', 'Unusual Behaviors/Application'],
  ['VI:NEW-FUNC-CODE', 'Unusual Behaviors/Application'],
  ['VI:NEW-NODE:MALICIOUS-IP', 'Unusual Behaviors/IP address'],
]);

const FAMILY_TYPES: Readonly<Record<NozomiTypeFamily, string>> = {
  SIGN: 'TTPs',
  INCIDENT: 'TTPs',
  VI: 'Unusual Behaviors/Network Flow',
  NET: 'Unusual Behaviors/Network Flow',
  PROC: 'Unusual Behaviors/Application',
  AUDIT: 'Unusual Behaviors/User',
  HEALTH: 'Software and Configuration Checks/OT Sensor Health',
  other: 'Unusual Behaviors',
};

/** True for the `VI:NEW-NODE` family: `VI:NEW-NODE[:*]`, `VI:NEW-SCADA-NODE`, `VI:NEW-ARP`, `INCIDENT:NEW-NODE`, `SIGN:DHCP-OPERATION`. */
export function isNozomiAssetDiscovery(typeId: string): boolean {
  return ASSET_DISCOVERY_TYPE_IDS.has(typeId) || typeId.startsWith('VI:NEW-NODE:');
}

// `TTPs/<tactic>` per tactic name (a short list of ATT&CK for ICS tactics), built once.
const toTacticType = createInputMemo(
  (tactic): string | undefined => {
    const found = toFindingType('TTPs', tactic);
    return found === undefined ? undefined : detachString(found);
  },
  { maxEntries: 256 },
);

/** Appends a distinct, defined type while there is room (a plain function: no closure per record). */
function addType(types: string[], type: string | undefined): void {
  if (type !== undefined && !types.includes(type) && types.length < 50) types.push(type);
}

/** Maps a Type ID (upper-cased) and its ATT&CK fields to ASFF Types (at most 50, no duplicates). */
export function mapNozomiTypes(typeId: string, family: NozomiTypeFamily, attack: NozomiAttack): NozomiTypes {
  const types: string[] = [];
  const assetDiscovery = isNozomiAssetDiscovery(typeId);
  if (assetDiscovery) addType(types, ASSET_DISCOVERY_FINDING_TYPE);
  const specific = TYPE_ID_TYPES.get(typeId);
  if (specific !== undefined) addType(types, specific);
  for (const tactic of attack.tactics) addType(types, toTacticType(tactic));
  for (const technique of attack.techniques) addType(types, `${NOZOMI_TECHNIQUE_CATEGORY}/${technique}`);
  // The family's generic type only when nothing more specific was found (`TTPs` beside `TTPs/X` says nothing).
  if (types.length === 0) addType(types, FAMILY_TYPES[family]);
  return { types, assetDiscovery };
}
