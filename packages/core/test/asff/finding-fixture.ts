import type { AwsSecurityFinding } from '@aws-sdk/client-securityhub';

/** A typical, valid OT finding (shape of asff.md §13), fresh on every call so tests may mutate it. */
export function typicalFinding(): AwsSecurityFinding {
  return {
    SchemaVersion: '2018-10-08',
    Id: 'otbridge/dragos/sensor-01/event/4711',
    ProductArn: 'arn:aws:securityhub:eu-central-1:111122223333:product/111122223333/default',
    ProductName: 'otbridge',
    CompanyName: 'Dragos',
    GeneratorId: 'dragos/platform/detection-42',
    AwsAccountId: '111122223333',
    Types: ['Unusual Behaviors/Network Flow'],
    CreatedAt: '2025-05-01T12:00:00.000Z',
    UpdatedAt: '2025-05-01T12:00:00.000Z',
    FirstObservedAt: '2025-05-01T11:59:58.000Z',
    LastObservedAt: '2025-05-01T11:59:58.000Z',
    Severity: { Label: 'HIGH', Normalized: 70, Original: '8' },
    FindingProviderFields: {
      Severity: { Label: 'HIGH', Original: '8' },
      Types: ['Unusual Behaviors/Network Flow'],
    },
    Title: 'New Modbus write from an engineering workstation',
    Description: 'A host that never wrote Modbus registers before wrote holding register 40001 on PLC-7.',
    ProductFields: {
      'otbridge/parser/id': 'dragos',
      'otbridge/parser/version': '0.1.0',
      'otbridge/dragos/signatureId': 'SIG-1234',
    },
    Network: {
      Direction: 'IN',
      Protocol: 'TCP',
      SourceIpV4: '192.0.2.10',
      SourcePort: 51000,
      DestinationIpV4: '192.0.2.20',
      DestinationPort: 502,
    },
    Resources: [
      {
        Type: 'Other',
        Id: 'ot-asset/dragos/site-a/plc-7',
        ResourceRole: 'target',
        Details: { Other: { ip: '192.0.2.20', mac: '02:00:00:25:15:87', zone: 'Level1', type: 'PLC' } },
      },
      { Type: 'Other', Id: 'ot-asset/dragos/site-a/192.0.2.10', ResourceRole: 'actor' },
    ],
    RecordState: 'ACTIVE',
  };
}
