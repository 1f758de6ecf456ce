import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SERVICE_ERROR, ServiceError } from './service-error.js';

/** Result of reading a request body under a byte cap. */
export type ReadBodyResult = { ok: true; body: Buffer } | { ok: false; size: number };

/** Reads a request body; stops buffering (but keeps draining) once `limit` bytes are exceeded. */
export function readBody(request: IncomingMessage, limit: number): Promise<ReadBodyResult> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (chunks.length > 0) chunks.length = 0;
    });
    request.on('end', () => {
      resolve(
        size <= limit
          ? { ok: true, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) }
          : { ok: false, size },
      );
    });
    request.on('error', reject);
  });
}

/** Parses a JSON request body; malformed JSON or a non-object is the service's InvalidInputException. */
export function parseJsonObject(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw new ServiceError(SERVICE_ERROR.invalidInput, 'Request body is not valid JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ServiceError(SERVICE_ERROR.invalidInput, 'Request body must be a JSON object');
  }
  return value as Record<string, unknown>;
}

/** Sends a 200 JSON response with the service's request id header. */
export function sendJson(response: ServerResponse, payload: unknown, status = 200): void {
  const text = JSON.stringify(payload);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': randomUUID(),
  });
  response.end(text);
}

/**
 * Sends an error the way the REST-JSON protocol expects it: the `x-amzn-errortype` header names the
 * exception (the SDK reads it first), the body carries `Code` and `Message`.
 */
export function sendError(
  response: ServerResponse,
  error: { code: string; status: number; message: string },
): void {
  const text = JSON.stringify({ Code: error.code, Message: error.message, message: error.message });
  response.writeHead(error.status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-amzn-errortype': error.code,
    'x-amzn-requestid': randomUUID(),
  });
  response.end(text);
}
