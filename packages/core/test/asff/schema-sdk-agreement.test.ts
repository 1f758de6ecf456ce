import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { describe, expect, it } from 'vitest';
import schemaJson from '../../schema/aws-security-finding.schema.json' with { type: 'json' };

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(packageDir, 'package.json'));
const modelsDir = join(
  dirname(require.resolve('@aws-sdk/client-securityhub/package.json')),
  'dist-types',
  'models',
);
const declarations = readdirSync(modelsDir)
  .filter((file) => /^models_\d+\.d\.ts$/.test(file))
  .map((file) => readFileSync(join(modelsDir, file), 'utf8'))
  .join('\n');
const enumDeclarations = readFileSync(join(modelsDir, 'enums.d.ts'), 'utf8');

/** Member names of an exported interface in the SDK's declarations, read at test time. */
function sdkMembers(name: string): string[] {
  const match = new RegExp(`export interface ${name} \\{([\\s\\S]*?)\\n\\}`).exec(declarations);
  if (!match?.[1]) throw new Error(`interface ${name} not found in the SDK declarations`);
  const body = match[1].replace(/\/\*\*[\s\S]*?\*\//g, '');
  return [...body.matchAll(/^\s*([A-Za-z0-9_]+)\??:/gm)].map((member) => member[1] as string).sort();
}

/** Values of an SDK `const` enum object. */
function sdkEnum(name: string): string[] {
  const match = new RegExp(`export declare const ${name}: \\{([\\s\\S]*?)\\n\\};`).exec(enumDeclarations);
  if (!match?.[1]) throw new Error(`enum ${name} not found`);
  return [...match[1].matchAll(/: "([^"]+)"/g)].map((value) => value[1] as string).sort();
}

type JsonSchema = {
  properties?: Record<string, JsonSchema>;
  $ref?: string;
  items?: JsonSchema;
  enum?: string[];
};
const schema = schemaJson as unknown as JsonSchema & { definitions: Record<string, JsonSchema> };

/** Follows a path of property names (and `[]` for array items) through $refs. */
function at(path: string): JsonSchema {
  let node: JsonSchema = schema;
  for (const step of path === '' ? [] : path.split('.')) {
    node = resolve(node);
    const next = step === '[]' ? node.items : node.properties?.[step];
    if (!next) throw new Error(`schema has no ${step} in ${path}`);
    node = next;
  }
  return resolve(node);
}

function resolve(node: JsonSchema): JsonSchema {
  let current = node;
  while (current.$ref) {
    const name = current.$ref.replace('#/definitions/', '');
    const target = schema.definitions[name];
    if (!target) throw new Error(`unresolved ${current.$ref}`);
    current = target;
  }
  return current;
}

/** SDK members that the schema may leave out, each with why. Empty today: every member is modelled. */
const DOCUMENTED_OMISSIONS: Readonly<Record<string, readonly string[]>> = {};

// Schema locations modelled precisely, and the SDK interface each must agree with.
const PRECISE_SHAPES: ReadonlyArray<readonly [string, string]> = [
  ['', 'AwsSecurityFinding'],
  ['Severity', 'Severity'],
  ['FindingProviderFields', 'FindingProviderFields'],
  ['FindingProviderFields.Severity', 'FindingProviderSeverity'],
  ['RelatedFindings.[]', 'RelatedFinding'],
  ['Remediation', 'Remediation'],
  ['Remediation.Recommendation', 'Recommendation'],
  ['Malware.[]', 'Malware'],
  ['Network', 'Network'],
  ['Network.OpenPortRange', 'PortRange'],
  ['NetworkPath.[]', 'NetworkPathComponent'],
  ['NetworkPath.[].Egress', 'NetworkHeader'],
  ['NetworkPath.[].Egress.Source', 'NetworkPathComponentDetails'],
  ['Process', 'ProcessDetails'],
  ['Threats.[]', 'Threat'],
  ['Threats.[].FilePaths.[]', 'FilePaths'],
  ['ThreatIntelIndicators.[]', 'ThreatIntelIndicator'],
  ['Resources.[]', 'Resource'],
  ['Resources.[].Details', 'ResourceDetails'],
  ['Compliance', 'Compliance'],
  ['Compliance.StatusReasons.[]', 'StatusReason'],
  ['Compliance.AssociatedStandards.[]', 'AssociatedStandard'],
  ['Compliance.SecurityControlParameters.[]', 'SecurityControlParameter'],
  ['Workflow', 'Workflow'],
  ['Note', 'Note'],
  ['Vulnerabilities.[]', 'Vulnerability'],
  ['Vulnerabilities.[].VulnerablePackages.[]', 'SoftwarePackage'],
  ['Vulnerabilities.[].Cvss.[]', 'Cvss'],
  ['Vulnerabilities.[].Vendor', 'VulnerabilityVendor'],
  ['PatchSummary', 'PatchSummary'],
  ['Action', 'Action'],
  ['Action.NetworkConnectionAction', 'NetworkConnectionAction'],
  ['Action.NetworkConnectionAction.RemotePortDetails', 'ActionRemotePortDetails'],
  ['Action.NetworkConnectionAction.LocalPortDetails', 'ActionLocalPortDetails'],
  ['Action.DnsRequestAction', 'DnsRequestAction'],
  ['GeneratorDetails', 'GeneratorDetails'],
];

describe('the ASFF schema agrees with the SDK AwsSecurityFinding type', () => {
  it.each(PRECISE_SHAPES)('schema %s has exactly the members of SDK %s', (path, sdkName) => {
    const omitted = DOCUMENTED_OMISSIONS[sdkName] ?? [];
    const expected = sdkMembers(sdkName).filter((member) => !omitted.includes(member));
    const actual = Object.keys(at(path).properties ?? {}).sort();
    expect(actual).toEqual(expected);
  });

  it('models all 45 top-level members of the SDK type', () => {
    expect(sdkMembers('AwsSecurityFinding')).toHaveLength(45);
  });

  it.each([
    ['Severity.Label', 'SeverityLabel'],
    ['Malware.[].Type', 'MalwareType'],
    ['Malware.[].State', 'MalwareState'],
    ['Network.Direction', 'NetworkDirection'],
    ['ThreatIntelIndicators.[].Type', 'ThreatIntelIndicatorType'],
    ['ThreatIntelIndicators.[].Category', 'ThreatIntelIndicatorCategory'],
    ['Resources.[].Partition', 'Partition'],
    ['Resources.[].Provider', 'CloudProviderName'],
    ['VerificationState', 'VerificationState'],
    ['WorkflowState', 'WorkflowState'],
    ['Workflow.Status', 'WorkflowStatus'],
    ['RecordState', 'RecordState'],
    ['Compliance.Status', 'ComplianceStatus'],
    ['Vulnerabilities.[].FixAvailable', 'VulnerabilityFixAvailable'],
    ['Vulnerabilities.[].ExploitAvailable', 'VulnerabilityExploitAvailable'],
  ])('enum %s equals SDK %s', (path, sdkName) => {
    expect([...(at(path).enum ?? [])].sort()).toEqual(sdkEnum(sdkName));
  });
});

// Type-level exhaustiveness: `tsc` (typecheck runs over tests) fails if the two key sets differ.
type SchemaKeys = keyof (typeof schemaJson)['properties'];
type SdkKeys = keyof AwsSecurityFinding;
type Exact<A, B> = [Exclude<A, B>, Exclude<B, A>] extends [never, never]
  ? true
  : { missing: Exclude<B, A>; extra: Exclude<A, B> };
const topLevelKeysAgree: Exact<SchemaKeys, SdkKeys> = true;

it('agrees at the type level too', () => {
  expect(topLevelKeysAgree).toBe(true);
});
