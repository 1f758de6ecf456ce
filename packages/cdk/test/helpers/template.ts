import type { Template } from 'aws-cdk-lib/assertions';

/** A CloudFormation value flattened to text: Fn::Join concatenated, Ref/GetAtt as `{Ref X}` markers. */
export function flattenIntrinsics(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(flattenIntrinsics).join(',');
  if (typeof value === 'object' && value !== null) {
    const object = value as Record<string, unknown>;
    if ('Fn::Join' in object) {
      const [separator, parts] = object['Fn::Join'] as [string, unknown[]];
      return parts.map(flattenIntrinsics).join(separator);
    }
    if ('Fn::Base64' in object) return flattenIntrinsics(object['Fn::Base64']);
    if ('Ref' in object) return `{Ref ${String(object.Ref)}}`;
    if ('Fn::GetAtt' in object) return `{GetAtt ${(object['Fn::GetAtt'] as string[]).join('.')}}`;
  }
  return JSON.stringify(value);
}

/** The single resource of a type (fails when there is not exactly one). */
export function onlyResource(
  template: Template,
  type: string,
): { Properties: Record<string, unknown> } & Record<string, unknown> {
  const resources = Object.values(template.findResources(type));
  if (resources.length !== 1) throw new Error(`expected one ${type}, found ${resources.length}`);
  return resources[0] as { Properties: Record<string, unknown> };
}

/** IAM statements of every inline policy in the template, with the policy's logical id. */
export function policyStatements(
  template: Template,
): Array<{ policy: string; statement: Record<string, unknown> }> {
  return Object.entries(template.findResources('AWS::IAM::Policy')).flatMap(([policy, resource]) =>
    ((resource.Properties.PolicyDocument.Statement ?? []) as Record<string, unknown>[]).map((statement) => ({
      policy,
      statement,
    })),
  );
}

/** A statement's actions as an array. */
export function actionsOf(statement: Record<string, unknown>): string[] {
  const action = statement.Action;
  return Array.isArray(action) ? action.map(String) : [String(action)];
}

/** A statement's resources as an array (raw CloudFormation values). */
export function resourcesOf(statement: Record<string, unknown>): unknown[] {
  const resource = statement.Resource;
  return Array.isArray(resource) ? resource : [resource];
}
