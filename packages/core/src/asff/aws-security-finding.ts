// The finding type is the SDK's own, so what otbridge builds is exactly what the client sends.
export type {
  AwsSecurityFinding,
  FindingProviderFields,
  Network,
  Resource,
  Severity,
  SeverityLabel,
} from '@aws-sdk/client-securityhub';
