import type { AwsPartition } from '../parser/vendor-parser.js';

/** Where the account's default (custom) Security Hub product lives. */
export interface DefaultProductArnInput {
  readonly partition: AwsPartition;
  readonly region: string;
  readonly awsAccountId: string;
}

/** The account's default custom-product ARN: `arn:<partition>:securityhub:<region>:<account>:product/<account>/default`. */
export function defaultProductArn(input: DefaultProductArnInput): string {
  const { partition, region, awsAccountId } = input;
  return `arn:${partition}:securityhub:${region}:${awsAccountId}:product/${awsAccountId}/default`;
}
