/**
 * Options shared by the handler's own Lambda bundle (tsup.config.ts) and `otbridge bundle` (packages/cli),
 * so a user's bundle is built exactly like ours and keeps the same size and cold-start budgets.
 */

/** Bundled CommonJS dependencies (protobufjs, parts of the SDK) call `require()`, which ESM lacks. */
export const LAMBDA_BUNDLE_REQUIRE_BANNER =
  "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);";

/**
 * Credential providers left out of the bundle. The SDK's default chain loads each of them with a dynamic
 * `import()` only after environment credentials were not found; in Lambda the runtime always sets those
 * from the execution role, so these (SSO, shared config files, credential_process, web identity, and the
 * nested STS/SSO clients behind them: about 60 KiB minified) are never reached. A bundle run elsewhere
 * needs `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY` (or explicit credentials) instead of a profile.
 */
export const LAMBDA_BUNDLE_EXTERNAL_PACKAGES = [
  '@aws-sdk/credential-provider-ini',
  '@aws-sdk/credential-provider-login',
  '@aws-sdk/credential-provider-process',
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-web-identity',
  '@aws-sdk/nested-clients',
  '@aws-sdk/token-providers',
] as const;

/** esbuild `mainFields` of the bundle. */
export const LAMBDA_BUNDLE_MAIN_FIELDS = ['module', 'main'] as const;
