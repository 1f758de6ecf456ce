import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { computeBackoffDelay } from '../import/backoff.js';
import type { QuarantineObject } from './quarantine-object.js';

/** Attempts per quarantine write (the S3 client itself does not retry). */
export const QUARANTINE_WRITE_ATTEMPTS = 4;

/**
 * Writes one quarantine object (overwriting any earlier version at the same key), retrying with jittered
 * back-off until `deadline` (epoch ms). Throws the last error when it cannot.
 */
export async function writeQuarantineObject(
  client: S3Client,
  input: { bucket: string; key: string; object: QuarantineObject; deadline: number },
): Promise<void> {
  const body = JSON.stringify(input.object);
  let lastError: unknown;
  for (let attempt = 0; attempt < QUARANTINE_WRITE_ATTEMPTS; attempt++) {
    const remaining = input.deadline - Date.now();
    if (remaining <= 0) break;
    try {
      await client.send(
        new PutObjectCommand({
          Bucket: input.bucket,
          Key: input.key,
          Body: body,
          ContentType: 'application/json',
        }),
        { abortSignal: AbortSignal.timeout(remaining) },
      );
      return;
    } catch (error) {
      lastError = error;
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      if (status !== undefined && status >= 400 && status < 500 && status !== 429) break;
      const delay = computeBackoffDelay(attempt, { baseMs: 50, maxMs: 1_000 });
      if (Date.now() + delay >= input.deadline) break;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
  throw lastError ?? new Error('No time left to write the quarantine object.');
}
