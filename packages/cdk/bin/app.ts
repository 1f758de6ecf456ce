#!/usr/bin/env node
// The deployable app: `pnpm run synth` / `pnpm run deploy` with `-c name=value` parameters (README).
import { App } from 'aws-cdk-lib';
import { createPipelineStack } from '../src/app/create-pipeline-stack.js';

const app = new App();
createPipelineStack(app);
app.synth();
