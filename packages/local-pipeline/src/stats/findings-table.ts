import {
  type AwsSecurityFinding,
  GetFindingsCommand,
  type SecurityHubClient,
} from '@aws-sdk/client-securityhub';

/** Severity labels in table order. */
export const SEVERITY_LABELS = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'] as const;

/** Findings counted by vendor and severity label. */
export type FindingsByVendor = Map<string, Map<string, number>>;

/** The vendor of an otbridge finding: its parser id, else CompanyName. */
export function toFindingVendor(finding: AwsSecurityFinding): string {
  return finding.ProductFields?.['otbridge/parser/id'] ?? finding.CompanyName ?? 'unknown';
}

/**
 * Reads every otbridge finding (`ProductName` = `otbridge`) through GetFindings, paging, and counts
 * them by vendor and severity label. Returns the findings too.
 */
export async function collectFindings(
  client: SecurityHubClient,
  options: { productName?: string; maxFindings?: number } = {},
): Promise<{ findings: AwsSecurityFinding[]; byVendor: FindingsByVendor }> {
  const findings: AwsSecurityFinding[] = [];
  const byVendor: FindingsByVendor = new Map();
  let token: string | undefined;
  do {
    const page = await client.send(
      new GetFindingsCommand({
        Filters: { ProductName: [{ Value: options.productName ?? 'otbridge', Comparison: 'EQUALS' }] },
        MaxResults: 100,
        ...(token === undefined ? {} : { NextToken: token }),
      }),
    );
    for (const finding of page.Findings ?? []) {
      findings.push(finding);
      const vendor = toFindingVendor(finding);
      const label = finding.Severity?.Label ?? 'UNKNOWN';
      const row = byVendor.get(vendor) ?? new Map<string, number>();
      row.set(label, (row.get(label) ?? 0) + 1);
      byVendor.set(vendor, row);
    }
    token = page.NextToken;
  } while (token !== undefined && findings.length < (options.maxFindings ?? Number.POSITIVE_INFINITY));
  return { findings, byVendor };
}

/** A fixed-width text table: one row per vendor, one column per severity, totals last. */
export function formatFindingsTable(byVendor: FindingsByVendor): string {
  const labels: string[] = [...SEVERITY_LABELS];
  for (const row of byVendor.values())
    for (const label of row.keys()) if (!labels.includes(label)) labels.push(label);
  const header = ['vendor', ...labels, 'total'];
  const rows: string[][] = [];
  const totals = new Map<string, number>();
  for (const vendor of [...byVendor.keys()].sort()) {
    const row = byVendor.get(vendor) as Map<string, number>;
    let sum = 0;
    const cells = labels.map((label) => {
      const count = row.get(label) ?? 0;
      sum += count;
      totals.set(label, (totals.get(label) ?? 0) + count);
      return String(count);
    });
    rows.push([vendor, ...cells, String(sum)]);
  }
  const all = [...totals.values()].reduce((a, b) => a + b, 0);
  rows.push(['total', ...labels.map((label) => String(totals.get(label) ?? 0)), String(all)]);
  const widths = header.map((_, column) =>
    Math.max(...[header, ...rows].map((row) => (row[column] ?? '').length)),
  );
  const render = (row: string[]): string =>
    row
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ');
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [render(header), rule, ...rows.slice(0, -1).map(render), rule, render(rows.at(-1) as string[])].join(
    '\n',
  );
}
