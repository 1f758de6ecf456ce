import type { ConfigSchema } from './otbridge-config-schema.js';

/** One problem found in a configuration file: where (a JSON pointer) and what to do about it. */
export interface ConfigProblem {
  readonly pointer: string;
  readonly message: string;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function matchesType(value: unknown, type: NonNullable<ConfigSchema['type']>): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

function escapePointer(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

/**
 * Checks a parsed JSON value against the schema subset in `ConfigSchema` and returns every problem,
 * each with its JSON pointer. Never throws on any input.
 */
export function validateConfigSchema(value: unknown, schema: ConfigSchema, pointer = ''): ConfigProblem[] {
  const at = pointer === '' ? '/' : pointer;
  if (schema.anyOf !== undefined) {
    const branches = schema.anyOf.map((branch) => validateConfigSchema(value, branch, pointer));
    if (branches.some((problems) => problems.length === 0)) return [];
    const expected = schema.anyOf.map(describeSchema).join(' or ');
    return [{ pointer: at, message: `expected ${expected}, got ${describeValue(value)}.` }];
  }
  if (schema.const !== undefined && value !== schema.const) {
    return [{ pointer: at, message: `expected ${JSON.stringify(schema.const)}.` }];
  }
  if (schema.type !== undefined && !matchesType(value, schema.type)) {
    return [{ pointer: at, message: `expected ${schema.type}, got ${describeValue(value)}.` }];
  }
  if (schema.enum !== undefined && !schema.enum.includes(value as string)) {
    const allowed = schema.enum.map((item) => JSON.stringify(item)).join(', ');
    return [{ pointer: at, message: `expected one of ${allowed}, got ${describeValue(value)}.` }];
  }
  const problems: ConfigProblem[] = [];
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) {
      problems.push({ pointer: at, message: 'must not be empty.' });
    }
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) {
      problems.push({ pointer: at, message: `must match ${schema.pattern}, got ${JSON.stringify(value)}.` });
    }
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) {
      problems.push({ pointer: at, message: `must be at least ${schema.minimum}, got ${value}.` });
    }
    if (schema.maximum !== undefined && value > schema.maximum) {
      problems.push({ pointer: at, message: `must be at most ${schema.maximum}, got ${value}.` });
    }
  }
  if (Array.isArray(value) && schema.items !== undefined) {
    value.forEach((item, index) => {
      problems.push(...validateConfigSchema(item, schema.items as ConfigSchema, `${pointer}/${index}`));
    });
  }
  if (typeOf(value) === 'object') {
    const object = value as Record<string, unknown>;
    for (const key of schema.required ?? []) {
      if (!Object.hasOwn(object, key))
        problems.push({ pointer: at, message: `needs the "${key}" property.` });
    }
    for (const [key, item] of Object.entries(object)) {
      const child = `${pointer}/${escapePointer(key)}`;
      const known = schema.properties !== undefined && Object.hasOwn(schema.properties, key);
      if (known) {
        problems.push(...validateConfigSchema(item, schema.properties?.[key] as ConfigSchema, child));
      } else if (schema.additionalProperties === false) {
        const names = Object.keys(schema.properties ?? {}).filter((name) => name !== '$schema');
        problems.push({ pointer: child, message: `unknown property; expected one of ${names.join(', ')}.` });
      } else if (typeof schema.additionalProperties === 'object') {
        problems.push(...validateConfigSchema(item, schema.additionalProperties, child));
      }
    }
  }
  return problems;
}

function describeSchema(schema: ConfigSchema): string {
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.type === 'array' && schema.items?.enum !== undefined) {
    return `an array of ${schema.items.enum.map((item) => JSON.stringify(item)).join('|')}`;
  }
  if (schema.type === 'object' && schema.required !== undefined) {
    return `an object with ${schema.required.map((key) => `"${key}"`).join(', ')}`;
  }
  return schema.type ?? 'a value';
}

function describeValue(value: unknown): string {
  const type = typeOf(value);
  if (type === 'string' || type === 'number' || type === 'integer' || type === 'boolean') {
    return `${type} ${JSON.stringify(value)}`;
  }
  return type;
}
