#!/usr/bin/env node
// The deployable app: `pnpm run synth` / `pnpm run deploy` with `-c name=value` parameters (README).
import { App } from 'aws-cdk-lib';

// The app runs the workspace's TypeScript sources (cdk.json: --conditions=@otbridge/source), which import
// build outputs (core's generated validator; the handler bundle is checked by resolveHandlerBundle). A bare
// `cdk synth` in a fresh clone would otherwise stop on a module-not-found trace.
let stackFactory: typeof import('../src/app/create-pipeline-stack.js');
try {
  stackFactory = await import('../src/app/create-pipeline-stack.js');
} catch (error) {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ERR_MODULE_NOT_FOUND' && /[\\/](?:generated|dist)[\\/]/.test(String(error))) {
    console.error(
      `${String(error)}\nThe workspace is not built: run \`pnpm --filter @otbridge/cdk synth\` (it builds ` +
        'the dependencies first) or `pnpm turbo run build --filter @otbridge/cdk^...`, then synth again.',
    );
    process.exit(1);
  }
  throw error;
}

const app = new App();
stackFactory.createPipelineStack(app);
app.synth();
