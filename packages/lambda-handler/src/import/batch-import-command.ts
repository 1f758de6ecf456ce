import { BatchImportFindingsCommand } from '@aws-sdk/client-securityhub';
import { type ImportItem, toBatchImportBodyBytes } from './pack-findings.js';

/** Name of the middleware that puts the pre-serialised body on the request (visible in the SDK's stack). */
export const SERIALIZED_BODY_MIDDLEWARE = 'otbridgeSerializedFindingsBody';

/** The part of the SDK's `HttpRequest` the middleware touches. */
interface BuildRequest {
  headers: Record<string, string>;
  body?: unknown;
}

function isBuildRequest(value: unknown): value is BuildRequest {
  return typeof value === 'object' && value !== null && typeof (value as BuildRequest).headers === 'object';
}

/**
 * A `BatchImportFindings` command whose request body is the findings' JSON as packing already serialised
 * it (see docs/adr/0005-serialise-findings-once.md). The SDK's own schema serialiser would walk every finding
 * again, a quarter of the handler's CPU time; the findings are plain JSON data (validated against the ASFF
 * schema), so their `JSON.stringify` is what the serialiser would write. Everything else stays the SDK's:
 * endpoint, headers, SigV4 over this body (signing runs after the build step), the HTTP handler, typed
 * errors and the deserialised response.
 */
export function createBatchImportCommand(items: readonly ImportItem[]): BatchImportFindingsCommand {
  // Encoded to UTF-8 once: a string body would be scanned for its length, encoded again for the SigV4 payload
  // hash and a third time when written to the socket (together about a tenth of the handler's CPU time).
  const body = toBatchImportBodyBytes(items);
  // The SDK serialises this empty input; the build step then replaces its body with the real one.
  const command = new BatchImportFindingsCommand({ Findings: [] });
  command.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request;
      if (!isBuildRequest(request)) {
        // Never send the placeholder `{"Findings":[]}` as if it were the call.
        throw new TypeError(`${SERIALIZED_BODY_MIDDLEWARE}: the build step holds no HTTP request`);
      }
      for (const name of Object.keys(request.headers))
        if (name.toLowerCase() === 'content-length') delete request.headers[name];
      request.body = body;
      request.headers['content-length'] = String(body.length);
      return next(args);
    },
    // `high`: before the SDK's content-length middleware of the same step; signing comes later (finalize).
    { step: 'build', priority: 'high', name: SERIALIZED_BODY_MIDDLEWARE },
  );
  return command;
}
