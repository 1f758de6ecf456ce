export interface CommandIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}
export function parseLocalPipelineArguments(): void {}
export async function runLocalPipelineCommand(): Promise<number> {
  return 0;
}
