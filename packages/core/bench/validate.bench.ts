// Throughput of validateFinding on a typical OT finding (valid) and on a broken one (error path).
// Run: pnpm --filter @otbridge/core exec tsx bench/validate.bench.ts   (prints figures; asserts nothing)
import { performance } from 'node:perf_hooks';
import { validateFinding } from '../src/asff/validate-finding.js';
import validateAsffSchema from '../src/generated/validate-asff-schema.js';
import { typicalFinding } from '../test/asff/finding-fixture.js';

function measure(
  name: string,
  finding: unknown,
  iterations: number,
  validate: (f: unknown) => unknown = validateFinding,
): void {
  for (let i = 0; i < 5_000; i += 1) validate(finding); // warm-up
  const runs: number[] = [];
  for (let run = 0; run < 5; run += 1) {
    const start = performance.now();
    for (let i = 0; i < iterations; i += 1) validate(finding);
    runs.push((iterations / (performance.now() - start)) * 1000);
  }
  runs.sort((a, b) => a - b);
  const median = runs[2] ?? 0;
  console.log(
    `${name.padEnd(34)} median ${Math.round(median).toLocaleString('en-US')} validations/s ` +
      `(min ${Math.round(runs[0] ?? 0).toLocaleString('en-US')}, max ${Math.round(runs[4] ?? 0).toLocaleString('en-US')}; ${(1e6 / median).toFixed(2)} µs each)`,
  );
}

const valid = typicalFinding();
const bytes = Buffer.byteLength(JSON.stringify(valid));
const invalid = { ...typicalFinding(), Title: '', Region: 'eu-central-1', Types: ['a//b'] };
console.log(`typical finding: ${bytes} bytes of JSON, ${Object.keys(valid).length} top-level fields`);
measure('valid typical finding', valid, 100_000);
measure('invalid finding (3 errors)', invalid, 20_000);
measure('schema only (no 240 KB check)', valid, 100_000, validateAsffSchema);
measure('JSON.stringify only (size check)', valid, 100_000, (f) => JSON.stringify(f).length);
