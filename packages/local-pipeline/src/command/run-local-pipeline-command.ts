import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { LocalPipelineOptions, PipelineTarget } from '../pipeline/local-pipeline-options.js';
import { LOCAL_PIPELINE_DEFAULTS } from '../pipeline/local-pipeline-options.js';
import { sendSyslogOverTcp } from '../pipeline/send-syslog-lines.js';
import { type LocalPipeline, startLocalPipeline } from '../pipeline/start-local-pipeline.js';
import { collectFindings, formatFindingsTable } from '../stats/findings-table.js';
import { formatStatsLine } from '../stats/pipeline-stats.js';

/** Where the command writes. */
export interface CommandIo {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream;
}

/** The parsed command line. */
export interface LocalPipelineArguments {
  readonly once: boolean;
  readonly help: boolean;
  /** Lines replayed through the syslog listener at start; undefined: none. */
  readonly corpus: string | undefined;
  readonly options: LocalPipelineOptions;
}

const USAGE = `usage: otbridge local [--once] [--target local|aws] [--stream NAME] [--region REGION]
                     [--data-dir DIR | --in-memory] [--syslog-port N] [--bundle PATH]
                     [--corpus FILE | --no-replay] [--quarantine-bucket NAME]

  --once               replay the corpus, print the findings table and exit 0
  --target aws         a real Kinesis stream (--stream), Security Hub and S3 (--quarantine-bucket), default
                       credential chain; also OTBRIDGE_TARGET=aws
  --syslog-port N      UDP and TCP syslog port (default ${LOCAL_PIPELINE_DEFAULTS.syslogPort}; 0 = any free port)
  --data-dir DIR       kinesalite, checkpoint, findings and quarantine (default ${LOCAL_PIPELINE_DEFAULTS.dataDir})
  --bundle PATH        the bundled handler to run (default @otbridge/lambda-handler dist/index.mjs)
  --corpus FILE        lines replayed at start (default scripts/demo-corpus.log when it exists)
`;

function toPort(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`${name} expects a port, got '${value}'.`);
  return port;
}

/** Parses `otbridge local` / `npm start` arguments; throws with a usage message on bad input. */
export function parseLocalPipelineArguments(
  argv: readonly string[],
  cwd = process.cwd(),
): LocalPipelineArguments {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      once: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      target: { type: 'string' },
      stream: { type: 'string' },
      region: { type: 'string' },
      'data-dir': { type: 'string' },
      'in-memory': { type: 'boolean', default: false },
      'syslog-port': { type: 'string' },
      bundle: { type: 'string' },
      corpus: { type: 'string' },
      'no-replay': { type: 'boolean', default: false },
      'quarantine-bucket': { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const target = (values.target ?? process.env.OTBRIDGE_TARGET ?? 'local') as PipelineTarget;
  if (target !== 'local' && target !== 'aws')
    throw new Error(`--target expects local or aws, got '${target}'.`);
  const port = toPort(values['syslog-port'], '--syslog-port');
  const defaultCorpus = resolve(cwd, 'scripts', 'demo-corpus.log');
  const corpus = values['no-replay']
    ? undefined
    : values.corpus !== undefined
      ? resolve(cwd, values.corpus)
      : existsSync(defaultCorpus)
        ? defaultCorpus
        : undefined;
  const options: LocalPipelineOptions = {
    target,
    dataDir: values['in-memory']
      ? false
      : resolve(cwd, values['data-dir'] ?? LOCAL_PIPELINE_DEFAULTS.dataDir),
    ...(port === undefined ? {} : { udpPort: port, tcpPort: port }),
    ...(values.stream === undefined ? {} : { streamName: values.stream }),
    ...(values.region === undefined ? {} : { region: values.region }),
    ...(values.bundle === undefined ? {} : { bundle: resolve(cwd, values.bundle) }),
    ...(values['quarantine-bucket'] === undefined ? {} : { quarantineBucket: values['quarantine-bucket'] }),
  };
  return { once: values.once === true, help: values.help === true, corpus, options };
}

function describe(pipeline: LocalPipeline): string {
  const rows = [
    [
      'syslog',
      `udp://${pipeline.syslog.host}:${pipeline.syslog.udpPort}  tcp://${pipeline.syslog.host}:${pipeline.syslog.tcpPort} (LF or octet-counted)`,
    ],
    ['kinesis', `${pipeline.kinesisEndpoint ?? `AWS ${pipeline.region}`}  stream ${pipeline.streamName}`],
    ['handler', pipeline.bundle],
    ['security hub', pipeline.securityHubEndpoint ?? `AWS ${pipeline.region}`],
    ['quarantine', `${pipeline.s3Endpoint ?? 'AWS S3'}  bucket ${pipeline.quarantineBucket}`],
    ['data', pipeline.dataDir ?? '(in memory)'],
  ];
  return rows.map(([name, value]) => `  ${(name as string).padEnd(13)}${value}`).join('\n');
}

/** Runs the pipeline as a command; resolves with the exit code (with `--once`, after the summary). */
export async function runLocalPipelineCommand(
  argv: readonly string[],
  io: CommandIo = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  let parsed: LocalPipelineArguments;
  try {
    parsed = parseLocalPipelineArguments(argv);
  } catch (error) {
    io.stderr.write(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (parsed.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  let pipeline: LocalPipeline;
  try {
    pipeline = await startLocalPipeline(parsed.options);
  } catch (error) {
    io.stderr.write(`otbridge local: could not start: ${(error as Error).message}\n`);
    return 1;
  }
  io.stdout.write(`otbridge local pipeline (${pipeline.target})\n${describe(pipeline)}\n`);
  try {
    if (parsed.corpus !== undefined) {
      const lines = readFileSync(parsed.corpus, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '' && !line.startsWith('#'));
      io.stdout.write(`\nreplaying ${lines.length} lines from ${parsed.corpus} over TCP\n`);
      await sendSyslogOverTcp({ host: pipeline.syslog.host, port: pipeline.syslog.tcpPort }, lines);
      await pipeline.drain({ timeoutMs: 120_000 });
      const { byVendor } = await collectFindings(pipeline.securityHubClient);
      io.stdout.write(
        `${formatStatsLine(pipeline.stats)}\n\nfindings by vendor and severity\n${formatFindingsTable(byVendor)}\n`,
      );
    }
    if (parsed.once) {
      await pipeline.stop();
      return 0;
    }
  } catch (error) {
    io.stderr.write(`otbridge local: ${(error as Error).message}\n`);
    await pipeline.stop();
    return 1;
  }
  return await runLive(pipeline, io);
}

/** Prints the live count until SIGINT/SIGTERM, then stops cleanly. */
async function runLive(pipeline: LocalPipeline, io: CommandIo): Promise<number> {
  io.stdout.write('\nlistening; Ctrl-C stops\n');
  const tty = io.stdout.isTTY === true;
  let previous = '';
  let printedAt = 0;
  const timer = setInterval(() => {
    const line = formatStatsLine(pipeline.stats);
    if (tty) io.stdout.write(`\r\x1b[2K${line}`);
    else if (line !== previous && Date.now() - printedAt >= 5_000) {
      io.stdout.write(`${line}\n`);
      printedAt = Date.now();
    }
    previous = line;
  }, 1_000);
  await new Promise<void>((done) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      done();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  clearInterval(timer);
  io.stdout.write(`\nstopping…\n`);
  await pipeline.stop();
  io.stdout.write(`${formatStatsLine(pipeline.stats)}\n`);
  return 0;
}
