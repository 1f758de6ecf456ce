import type { Network, Resource } from '@aws-sdk/client-securityhub';
import {
  createDiagnostic,
  type Diagnostic,
  type OtAsset,
  parseIpList,
  parseMacList,
  toAsffNetwork,
  toOtAssetResource,
} from '@otbridge/core';
import { DRAGOS_DIAGNOSTIC_CODES } from './dragos-diagnostic-codes.js';
import type { DragosAssetBlock, DragosNotification } from './map-dragos-notification.js';

/** ASFF allows 1-32 Resources. */
const MAX_RESOURCES = 32;

/** Resources, Network and the diagnostics found on the way. */
export interface DragosAssetMapping {
  readonly resources: Resource[];
  readonly network?: Network;
  readonly diagnostics: Diagnostic[];
}

type Role = 'source' | 'destination' | 'asset';

const RESOURCE_ROLE: Readonly<Record<Role, 'actor' | 'target' | undefined>> = {
  source: 'actor',
  destination: 'target',
  asset: undefined,
};

interface CheckedBlock {
  readonly block: DragosAssetBlock;
  readonly ips: readonly string[];
  readonly macs: readonly string[];
}

const EMPTY: readonly string[] = Object.freeze([]);

/** Every address the values parse to, in order (what `flatMap(parse)` gives, without its closure). */
function parseAll(values: readonly string[], parse: (value: string) => string[]): readonly string[] {
  if (values.length === 0) return EMPTY;
  if (values.length === 1) return parse(values[0]!);
  const all: string[] = [];
  for (const value of values) for (const address of parse(value)) all.push(address);
  return all;
}

function checkAddresses(block: DragosAssetBlock, role: Role, diagnostics: Diagnostic[]): CheckedBlock {
  const ips = parseAll(block.ips, parseIpList);
  const macs = parseAll(block.macs, parseMacList);
  if (ips.length < block.ips.length || macs.length < block.macs.length) {
    const bad = [
      ...block.ips.filter((ip) => parseIpList(ip).length === 0),
      ...block.macs.filter((mac) => parseMacList(mac).length === 0),
    ];
    diagnostics.push(
      createDiagnostic(
        DRAGOS_DIAGNOSTIC_CODES.invalidAddress,
        'warning',
        `The ${role} asset carries values that are not valid IP or MAC addresses (${bad
          .slice(0, 3)
          .map((value) => JSON.stringify(value.slice(0, 60)))
          .join(', ')}); they were ignored.`,
      ),
    );
  }
  return { block, ips: dedupe(ips), macs: dedupe(macs) };
}

function dedupe(values: readonly string[]): readonly string[] {
  if (values.length < 2) return values;
  return [...new Set(values)];
}

function pick(values: readonly string[], index: number, count: number): readonly string[] {
  if (count <= 1) return values;
  if (values.length === count) return values[index] === undefined ? [] : [values[index]!];
  return values;
}

/** Whether every list of a multi-id block is empty or has one item per id. */
function isPairedByPosition(checked: CheckedBlock, count: number): boolean {
  const { block } = checked;
  for (const list of [checked.ips, checked.macs, block.hosts, block.names]) {
    if (list.length !== 0 && list.length !== count) return false;
  }
  return true;
}

/**
 * The assets of one block. One id (or none): everything belongs to it. Several ids (`suid=11330,11363`):
 * the lists are paired by position when their lengths match the id count; otherwise (pairing unknown,
 * vendors.md §1.4) each asset carries the whole list and `addressPairing=side` says so.
 */
function toAssets(checked: CheckedBlock, role: Role, sensor: string): OtAsset[] {
  const { block } = checked;
  const count = Math.max(block.ids.length, 1);
  const assets: OtAsset[] = [];
  for (let index = 0; index < count; index++) {
    const id = block.ids[index];
    const ips = pick(checked.ips, index, count);
    const macs = pick(checked.macs, index, count);
    const hosts = pick(block.hosts, index, count);
    const names = pick(block.names, index, count);
    const domains = pick(block.domains, index, count);
    if (id === undefined && ips.length === 0 && macs.length === 0 && hosts.length === 0) continue;
    const details: Record<string, string> = { role };
    if (hosts.length > 0) details.hostnames = hosts.join(',');
    if (domains.length > 0) details.domains = domains.join(',');
    if (names.length > 1) details.names = names.join(',');
    if (block.assetClass !== undefined) details.class = block.assetClass;
    if (count > 1) details.addressPairing = isPairedByPosition(checked, count) ? 'position' : 'side';
    if (block.vendor !== undefined) details.hardwareVendor = block.vendor;
    const name =
      names[0] ?? (id === undefined && ips[0] === undefined && macs[0] === undefined ? hosts[0] : undefined);
    // Every member set, undefined when unknown (toOtAssetResource treats that as absent): one object shape
    // for all assets, so its reads stay monomorphic. The lists are not copied: it keeps none of them.
    const asset: OtAsset = {
      id,
      name,
      ips,
      macs,
      zone: block.zone,
      type: block.type,
      vendor: 'dragos',
      site: sensor,
      role: RESOURCE_ROLE[role],
      details,
    };
    assets.push(asset);
  }
  return assets;
}

// A scan rather than a Set: a notification has a handful of Resources (32 at most), and the Ids are fresh
// strings a Set would hash first.
function hasResourceId(resources: readonly Resource[], id: string): boolean {
  for (const resource of resources) if ((resource.Id ?? '') === id) return true;
  return false;
}

/** Adds a block's Resources (first of each Id, at most 32 in all); returns how many did not fit. */
function addResources(resources: Resource[], checked: CheckedBlock, role: Role, sensor: string): number {
  let dropped = 0;
  for (const asset of toAssets(checked, role, sensor)) {
    const resource = toOtAssetResource(asset);
    if (hasResourceId(resources, resource.Id ?? '')) continue;
    if (resources.length >= MAX_RESOURCES) {
      dropped += 1;
      continue;
    }
    resources.push(resource);
  }
  return dropped;
}

/**
 * Maps the source, destination and (1.x) single-asset blocks to `Other` Resources (`ResourceRole` actor /
 * target) and the first source/destination IP and source MAC to Network. Without any asset the sensor itself
 * is the one Resource, since ASFF needs at least one.
 */
export function mapDragosAssets(notification: DragosNotification, sensor: string): DragosAssetMapping {
  const diagnostics: Diagnostic[] = [];
  const source = checkAddresses(notification.source, 'source', diagnostics);
  const destination = checkAddresses(notification.destination, 'destination', diagnostics);
  const single = checkAddresses(notification.asset, 'asset', diagnostics);
  const resources: Resource[] = [];
  let dropped = addResources(resources, source, 'source', sensor);
  dropped += addResources(resources, destination, 'destination', sensor);
  dropped += addResources(resources, single, 'asset', sensor);
  if (dropped > 0) {
    diagnostics.push(
      createDiagnostic(
        DRAGOS_DIAGNOSTIC_CODES.tooManyAssets,
        'warning',
        `The notification names ${resources.length + dropped} assets; ASFF allows ${MAX_RESOURCES} Resources, so ${dropped} were dropped.`,
      ),
    );
  }
  if (resources.length === 0) {
    resources.push(
      toOtAssetResource({ vendor: 'dragos', site: sensor, name: sensor, type: 'Dragos sensor' }),
    );
  }
  const sourceIp = source.ips[0];
  const sourceMac = source.macs[0];
  const destinationIp = destination.ips[0];
  const network = toAsffNetwork({ sourceIp, sourceMac, destinationIp });
  return network === undefined ? { resources, diagnostics } : { resources, diagnostics, network };
}
