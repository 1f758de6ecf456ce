import { fc, test } from '@fast-check/vitest';
import { Ajv, type ErrorObject } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import schemaJson from '../../schema/aws-security-finding.schema.json' with { type: 'json' };
import { AJV_OPTIONS } from '../../scripts/gen-validator.mjs';
import { ASFF_LIMITS } from '../../src/asff/asff-limits.js';
import { ASFF_SCHEMA_PATTERNS } from '../../src/asff/to-finding-validation-errors.js';
import validateAsffSchema from '../../src/generated/validate-asff-schema.js';
import { typicalFinding } from './finding-fixture.js';

type Node = Record<string, unknown>;
const schema = schemaJson as unknown as Node;

function get(path: string): unknown {
  let node: unknown = schema;
  for (const step of path.split('/')) node = (node as Node)[step];
  return node;
}

function collectPatterns(node: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(node)) for (const item of node) collectPatterns(item, into);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'pattern' && typeof value === 'string') into.add(value);
      else if (key === 'not')
        continue; // the reserved aws/ prefix, reported by the 'not' keyword
      else collectPatterns(value, into);
    }
  }
  return into;
}

describe('schema, limits and generated validator stay in step', () => {
  it.each([
    ['ID', 'properties/Id/maxLength'],
    ['GENERATOR_ID', 'properties/GeneratorId/maxLength'],
    ['PRODUCT_ARN', 'properties/ProductArn/maxLength'],
    ['PRODUCT_NAME', 'properties/ProductName/maxLength'],
    ['COMPANY_NAME', 'properties/CompanyName/maxLength'],
    ['TITLE', 'properties/Title/maxLength'],
    ['DESCRIPTION', 'properties/Description/maxLength'],
    ['TYPES', 'definitions/Types/maxItems'],
    ['RESOURCES', 'properties/Resources/maxItems'],
    ['RESOURCE_TYPE', 'definitions/Resource/properties/Type/maxLength'],
    ['RESOURCE_REGION', 'definitions/Resource/properties/Region/maxLength'],
    ['SEVERITY_ORIGINAL', 'definitions/Severity/properties/Original/maxLength'],
    ['RATIO_MAX', 'definitions/RatioScale/maximum'],
    ['PRODUCT_FIELDS', 'properties/ProductFields/maxProperties'],
    ['PRODUCT_FIELD_KEY', 'properties/ProductFields/propertyNames/maxLength'],
    ['PRODUCT_FIELD_VALUE', 'properties/ProductFields/additionalProperties/maxLength'],
    ['USER_DEFINED_FIELDS', 'properties/UserDefinedFields/maxProperties'],
    ['USER_DEFINED_FIELD_KEY', 'properties/UserDefinedFields/propertyNames/maxLength'],
    ['USER_DEFINED_FIELD_VALUE', 'properties/UserDefinedFields/additionalProperties/maxLength'],
    ['DETAILS_OTHER', 'definitions/ResourceDetails/properties/Other/maxProperties'],
    ['DETAILS_OTHER_KEY', 'definitions/ResourceDetails/properties/Other/propertyNames/maxLength'],
    ['DETAILS_OTHER_VALUE', 'definitions/ResourceDetails/properties/Other/additionalProperties/maxLength'],
    ['NOTE_TEXT', 'properties/Note/properties/Text/maxLength'],
    ['REMEDIATION_TEXT', 'properties/Remediation/properties/Recommendation/properties/Text/maxLength'],
    ['MALWARE', 'properties/Malware/maxItems'],
    ['MALWARE_NAME', 'definitions/Malware/properties/Name/maxLength'],
    ['MALWARE_PATH', 'definitions/Malware/properties/Path/maxLength'],
    ['NETWORK_PROTOCOL', 'definitions/Network/properties/Protocol/maxLength'],
    ['NETWORK_DOMAIN', 'definitions/Network/properties/SourceDomain/maxLength'],
    ['PROCESS_NAME', 'definitions/ProcessDetails/properties/Name/maxLength'],
    ['PROCESS_PATH', 'definitions/ProcessDetails/properties/Path/maxLength'],
    ['THREATS', 'properties/Threats/maxItems'],
    ['THREAT_NAME', 'definitions/Threat/properties/Name/maxLength'],
    ['THREAT_SEVERITY', 'definitions/Threat/properties/Severity/maxLength'],
    ['THREAT_FILE_PATHS', 'definitions/Threat/properties/FilePaths/maxItems'],
    ['THREAT_INTEL_INDICATORS', 'properties/ThreatIntelIndicators/maxItems'],
    ['THREAT_INTEL_VALUE', 'definitions/ThreatIntelIndicator/properties/Value/maxLength'],
    ['THREAT_INTEL_SOURCE', 'definitions/ThreatIntelIndicator/properties/Source/maxLength'],
    ['RELATED_FINDINGS', 'definitions/RelatedFindings/maxItems'],
    ['COMPLIANCE_RELATED_REQUIREMENTS', 'definitions/Compliance/properties/RelatedRequirements/maxItems'],
    ['GENERATOR_DETAILS_LABELS', 'properties/GeneratorDetails/properties/Labels/maxItems'],
    ['PATCH_SUMMARY_ID', 'definitions/PatchSummary/properties/Id/maxLength'],
    ['AWS_ACCOUNT_NAME', 'properties/AwsAccountName/maxLength'],
  ] as const)('ASFF_LIMITS.%s equals the schema at %s', (name, path) => {
    expect(get(path)).toBe(ASFF_LIMITS[name]);
  });

  it('translates every pattern in the schema into a named rule', () => {
    expect([...collectPatterns(schema, new Set())].sort()).toEqual(Object.keys(ASFF_SCHEMA_PATTERNS).sort());
  });

  const ajv = new Ajv(AJV_OPTIONS);
  addFormats.default(ajv, ['ipv4', 'ipv6']);
  const runtimeValidate = ajv.compile(schemaJson);

  // Mutations of a valid finding that hit many keywords; the generated code must agree with ajv's compiler.
  const mutation = fc.record(
    {
      Title: fc.oneof(fc.string({ maxLength: 300 }), fc.integer()),
      Types: fc.array(fc.constantFrom('TTPs', 'a//b', '', 'TTPs/Discovery', 'x/y/z/w'), { maxLength: 55 }),
      CreatedAt: fc.oneof(
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
        fc.string(),
      ),
      Confidence: fc.oneof(fc.integer({ min: -5, max: 105 }), fc.double()),
      Severity: fc.record(
        { Label: fc.constantFrom('LOW', 'HIGH', 'X'), Original: fc.string({ maxLength: 70 }) },
        { requiredKeys: [] },
      ),
      ProductFields: fc.dictionary(fc.string({ maxLength: 130 }), fc.string({ maxLength: 5 }), {
        maxKeys: 52,
      }),
      Region: fc.string(),
      Resources: fc.array(fc.record({ Type: fc.string({ maxLength: 3 }), Id: fc.string({ maxLength: 3 }) }), {
        maxLength: 33,
      }),
    },
    { requiredKeys: [] },
  );

  it('keeps counting lengths in code points behind the generated .length guard', () => {
    const astral = '\u{1F600}';
    for (const Title of [astral.repeat(256), astral.repeat(257), `${'a'.repeat(255)}${astral}`]) {
      const finding = { ...typicalFinding(), Title };
      expect(validateAsffSchema(finding), `${Title.length} units`).toBe(runtimeValidate(finding));
    }
    expect(validateAsffSchema({ ...typicalFinding(), Title: astral.repeat(256) })).toBe(true);
    expect(validateAsffSchema({ ...typicalFinding(), Title: astral.repeat(257) })).toBe(false);
  });

  test.prop([mutation])('the standalone validator agrees with a runtime-compiled ajv', (changes) => {
    const finding = { ...typicalFinding(), ...changes };
    const standalone = validateAsffSchema(finding);
    const runtime = runtimeValidate(finding);
    expect(standalone).toBe(runtime);
    if (!standalone) {
      const summary = (errors: ErrorObject[] | null | undefined) =>
        (errors ?? []).map((e) => `${e.instancePath} ${e.keyword}`);
      expect(summary(validateAsffSchema.errors)).toEqual(summary(runtimeValidate.errors));
    }
  });
});
