/** Subset of JSON Schema (draft 2020-12) the config validator understands. */
export interface ConfigSchema {
  readonly $schema?: string;
  readonly $id?: string;
  readonly title?: string;
  readonly description?: string;
  readonly type?: 'object' | 'array' | 'string' | 'boolean' | 'number' | 'integer';
  readonly enum?: readonly (string | number | boolean)[];
  readonly const?: string | number | boolean;
  readonly properties?: Readonly<Record<string, ConfigSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | ConfigSchema;
  readonly items?: ConfigSchema;
  readonly anyOf?: readonly ConfigSchema[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly pattern?: string;
}

const integer = (minimum: number, maximum: number, description: string): ConfigSchema => ({
  type: 'integer',
  minimum,
  maximum,
  description,
});

/** JSON Schema of `otbridge.config.json`; also shipped as `templates/otbridge.config.schema.json`. */
export const OTBRIDGE_CONFIG_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'otbridge.config.schema.json',
  title: 'otbridge project configuration',
  description: 'Parser packages and handler options used by otbridge bundle, parse and local.',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    parsers: {
      type: 'array',
      description: 'Extra parser packages (built with defineParser), registered beside the built-in ones.',
      items: {
        anyOf: [
          { type: 'string', minLength: 1, description: 'A package name, or a path starting with ./ or /.' },
          {
            type: 'object',
            additionalProperties: false,
            required: ['package'],
            properties: {
              package: { type: 'string', minLength: 1 },
              export: {
                type: 'string',
                pattern: '^[A-Za-z_$][A-Za-z0-9_$]*$',
                description:
                  'The named export holding the parser (default: every parser the package exports).',
              },
            },
          },
        ],
      },
    },
    builtinParsers: {
      description: 'Built-in parsers to keep: true (all, default), false (none) or a list of ids.',
      anyOf: [
        { type: 'boolean' },
        { type: 'array', items: { type: 'string', enum: ['dragos', 'claroty', 'nozomi'] } },
      ],
    },
    fallback: {
      description: "Records no parser claims: 'generic-cef' (default) maps them; false rejects them.",
      anyOf: [{ const: 'generic-cef' }, { const: false }],
    },
    handler: {
      type: 'object',
      description: 'Handler options, baked into the bundle as environment defaults (the deployment wins).',
      additionalProperties: false,
      properties: {
        partition: { type: 'string', enum: ['aws', 'aws-cn', 'aws-us-gov'] },
        productArn: { type: 'string', pattern: '^arn:' },
        quarantinePrefix: { type: 'string' },
        envelope: { type: 'string', enum: ['auto', 'json', 'raw'] },
        envelopeKey: { type: 'string', minLength: 1 },
        strict: { type: 'boolean' },
        defaultTimeZone: { type: 'string', minLength: 1, description: 'IANA zone or ±HH:MM.' },
        parserOptions: {
          type: 'object',
          description: 'Options per parser id, merged over each parser’s defaultOptions.',
          additionalProperties: { type: 'object' },
        },
        sensors: {
          type: 'array',
          description: 'Per-sensor settings ({ match, defaultTimeZone?, parserOptions? }); first match wins.',
          items: { type: 'object' },
        },
        rateLimitCallsPerSecond: { type: 'number', minimum: 0, maximum: 100_000 },
        rateLimitBurst: integer(1, 100_000, 'Token-bucket burst of BatchImportFindings calls.'),
        importConcurrency: integer(1, 64, 'BatchImportFindings calls in flight.'),
        maxAttempts: integer(1, 100, 'Attempts per finding before it is quarantined.'),
        backoffBaseMs: integer(1, 60_000, 'First retry delay.'),
        backoffMaxMs: integer(1, 600_000, 'Longest retry delay.'),
        timeSafetyMarginMs: integer(0, 600_000, 'Time kept back from the Lambda timeout.'),
        requestTimeoutMs: integer(100, 600_000, 'Per-call timeout of the AWS clients.'),
      },
    },
    bundle: {
      type: 'object',
      additionalProperties: false,
      properties: {
        outDir: { type: 'string', minLength: 1, description: 'Output directory (default dist/otbridge).' },
      },
    },
  },
} as const satisfies ConfigSchema;
