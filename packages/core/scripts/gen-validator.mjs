// Compiles schema/aws-security-finding.schema.json into a standalone ajv validator (src/generated/),
// so the Lambda imports plain code and pays no schema compile at cold start. Run by the turbo `gen` task.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import addFormats from 'ajv-formats';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const schemaPath = join(packageDir, 'schema', 'aws-security-finding.schema.json');
const outDir = join(packageDir, 'src', 'generated');

/** Options shared with the runtime-compiled ajv the tests compare against (keep in sync: test/asff/). */
export const AJV_OPTIONS = {
  allErrors: true,
  verbose: true,
  strict: true,
  strictTypes: false,
  strictRequired: false,
  // Each $ref'd definition compiled once and called, not copied into every referring place: about 47 KiB
  // less minified and faster. Errors are the same but for schemaPath, relative to the definition
  // (`#/pattern`, not `#/definitions/Timestamp/pattern`); toFindingValidationErrors reads such rules by
  // instancePath and keyword, and gives the same errors either way.
  inlineRefs: false,
  code: { source: true, esm: true, lines: false },
};

/**
 * ajv's standalone output still calls require() for its runtime helpers even with `esm: true`.
 * Rewrite each into a namespace import plus a CJS/ESM interop unwrap (a plain default import passes
 * in Node but fails under vitest), see toolchain.md §5.
 */
export function rewriteRequires(source) {
  const imports = [];
  let index = 0;
  const body = source.replace(/require\("([^"]+)"\)/g, (_match, specifier) => {
    const name = `__dep${index++}`;
    const file = specifier.endsWith('.js') ? specifier : `${specifier}.js`;
    imports.push(
      `import * as ${name}_ns from ${JSON.stringify(file)};\n` +
        `const ${name} = ${name}_ns.default && ${name}_ns.default.__esModule ? ${name}_ns.default : ${name}_ns;`,
    );
    return name;
  });
  if (/\brequire\(/.test(body))
    throw new Error('gen-validator: an unrecognised require() remains in the output');
  return `${imports.join('\n')}\n${body}`;
}

/**
 * ajv counts `maxLength`/`minLength` in code points with its `ucs2length` helper, a loop over every
 * character of every string, the validator's hottest call. A code-point count never exceeds `.length`
 * (UTF-16 units), so `ucs2length(s) > N` can only hold when `s.length > N`, and `ucs2length(s) < N`
 * always holds when `s.length < N` and never when `s.length >= 2N`: guard each call with that O(1) test. Results and errors are unchanged.
 */
export function guardLengthChecks(source) {
  const dependency = /import \* as (__dep\d+)_ns from "ajv\/dist\/runtime\/ucs2length\.js"/.exec(source);
  const binding = dependency && new RegExp(`const (func\\d+) = ${dependency[1]}\\.default;`).exec(source);
  if (!binding) return source;
  const name = binding[1];
  return source
    .replace(new RegExp(`${name}\\((\\w+)\\) > (\\d+)`, 'g'), `($1.length > $2 && ${name}($1) > $2)`)
    .replace(
      new RegExp(`${name}\\((\\w+)\\) < (\\d+)`, 'g'),
      // Each code point is one or two units, so from 2N units on there are at least N code points.
      (_match, value, limit) =>
        `(${value}.length < ${limit} || (${value}.length < ${2 * Number(limit)} && ${name}(${value}) < ${limit}))`,
    );
}

/**
 * Sufficient tests for the schema's hot patterns (the anchored ones are left to the regular-expression
 * engine, which beats a JavaScript loop on them). Each returns `true` only for strings its pattern
 * matches (test/asff/schema-fast-paths.test.ts checks that implication on arbitrary strings), so
 * `fast(s) || pattern.test(s)` gives the pattern's own answer, cheaper for the common plain-ASCII value.
 */
export function fastNonBlank(value) {
  // `\S`: a first unit in 0x21-0x7e is a non-space character.
  if (value.length === 0) return false;
  const code = value.charCodeAt(0);
  return code > 32 && code < 127;
}

/**
 * `Types` values (`namespace/category/classifier`): one to three non-empty segments. A first unit in
 * 0x21-0x7e other than `/` is a non-space that starts a segment; no `//`, no trailing `/` and at most two
 * slashes leave one to three non-empty segments. The slashes are found with `indexOf` (native) rather than
 * a loop over every character: these strings run to 50-100 characters and every finding has two lists.
 */
export function fastFindingType(value) {
  const length = value.length;
  if (length === 0) return false;
  const first = value.charCodeAt(0);
  if (first <= 32 || first >= 127 || first === 47) return false;
  const firstSlash = value.indexOf('/', 1);
  if (firstSlash === -1) return true;
  if (firstSlash + 1 === length || value.charCodeAt(firstSlash + 1) === 47) return false;
  const secondSlash = value.indexOf('/', firstSlash + 2);
  if (secondSlash === -1) return true;
  if (secondSlash + 1 === length || value.charCodeAt(secondSlash + 1) === 47) return false;
  return value.indexOf('/', secondSlash + 2) === -1;
}

/**
 * Fast tests written into the generated code as an expression over the checked variable, instead of a
 * call: the top-level validator is too large for V8 to inline calls into it, and a call per string was
 * about a tenth of its time. Each expression must give exactly its function's answer
 * (test/asff/schema-fast-paths.test.ts checks that).
 */
export const INLINE_FAST_PATHS = new Map([
  // `(code - 33) >>> 0 < 94` is `code > 32 && code < 127` in one comparison; `.length !== 0` first, since
  // `charCodeAt(0)` of '' is NaN.
  [fastNonBlank, (value) => `(${value}.length !== 0 && ((${value}.charCodeAt(0) - 33) >>> 0) < 94)`],
]);

/** Schema pattern source → the sufficient test placed before it. */
export const PATTERN_FAST_PATHS = {
  '\\S': fastNonBlank,
  '^(?=[\\s\\S]*\\S)[^/]+(?:/[^/]+){0,2}$': fastFindingType,
};

/**
 * Cheaper, result-identical forms of the validator's hottest operations (the profile's top lines):
 * - `additionalProperties: false` looks each key up with `hasOwnProperty.call(schemaN.properties, key)`
 *   on a large dictionary-mode object: a `Set` of the same own keys answers the same, faster;
 * - the hot patterns get a sufficient fast test in front (`PATTERN_FAST_PATHS`), inline where it has an
 *   expression form (`INLINE_FAST_PATHS`);
 * - `^aws/` is `startsWith('aws/')`;
 * - the ProductArn pattern remembers the last value it accepted (one product per deployment; the
 *   regular expression has no flags that keep state, so the same string always gets the same answer).
 */
export function addFastPaths(source) {
  let body = source;
  const sets = [];
  const setNames = new Map();
  body = body.replace(
    /func(\d+)\.call\((schema\d+(?:\.properties)+), (\w+)\)/g,
    (match, func, owner, key) => {
      if (!new RegExp(`const func${func} = Object\\.prototype\\.hasOwnProperty;`).test(source)) return match;
      let name = setNames.get(owner);
      if (name === undefined) {
        name = `ownKeys${setNames.size}`;
        setNames.set(owner, name);
        sets.push(`const ${name} = new Set(Object.keys(${owner}));`);
      }
      return `${name}.has(${key})`;
    },
  );
  const helpers = [];
  for (const match of source.matchAll(
    /const (pattern\d+) = new RegExp\(("(?:[^"\\]|\\.)*")(?:, "(u?)")?\);/g,
  )) {
    const [, name, literal, flags = ''] = match;
    const pattern = JSON.parse(literal);
    // The fast tests were proven against the `u` form; without the flag `\S` would read code units.
    if (flags !== 'u') continue;
    const test = new RegExp(`${name}\\.test\\((\\w+)\\)`, 'g');
    const fast = PATTERN_FAST_PATHS[pattern];
    const inline = fast === undefined ? undefined : INLINE_FAST_PATHS.get(fast);
    if (inline !== undefined) {
      body = body.replace(test, (_match, value) => `(${inline(value)} || ${name}.test(${value}))`);
    } else if (fast !== undefined) {
      if (!helpers.includes(fast)) helpers.push(fast);
      body = body.replace(test, `(${fast.name}($1) || ${name}.test($1))`);
    } else if (pattern === '^aws/') {
      body = body.replace(test, '$1.startsWith("aws/")');
    } else if (pattern.startsWith('^arn:aws')) {
      const memo = `${name}Accepted`;
      helpers.push(`let ${memo};`);
      body = body.replace(test, `($1 === ${memo} || (${name}.test($1) && ((${memo} = $1), true)))`);
    }
  }
  // ProductFields' `propertyNames: { not: { pattern: "^aws/" } }`: ajv evaluates the inner schema for every
  // key and, for every ordinary key (the inner pattern fails), allocates an error object and an error list
  // only to discard them. The inner schema's answer is what `not` needs: read it directly. When it is false
  // nothing was pushed, so the reset ajv runs next leaves errors and vErrors as they were.
  body = body.replace(
    /if\(typeof (key\d+) === "string"\)\{if\(!\1\.startsWith\("aws\/"\)\)\{const (err\d+) = \{\};if\(vErrors === null\)\{vErrors = \[\2\];\}else \{vErrors\.push\(\2\);\}errors\+\+;\}\}var (valid\d+) = _errs\d+ === errors;/g,
    (_match, key, _error, valid) => `var ${valid} = typeof ${key} !== "string" || ${key}.startsWith("aws/");`,
  );
  const declarations = helpers.map((helper) => (typeof helper === 'string' ? helper : helper.toString()));
  // Function declarations hoist; the Sets reference schema constants, so they go at the end of the module
  // (validators only run after the module has been evaluated).
  return `${body}\n${declarations.join('\n')}\n${sets.join('\n')}\n`;
}

/**
 * ajv hands every nested validator a context with the instance path built so far
 * (`{instancePath: instancePath + "/Resources/" + i, parentData, ...}`), which only error objects read: an
 * object and string concatenations per call, for every valid finding too. The validator now runs first
 * without them (one shared empty context: the callee's defaults) and only when it fails again with them,
 * for the errors' paths. The contexts' other members only pass through (the schema uses no `$data`).
 */
export function buildPathsOnFailure(source) {
  let contexts = 0;
  let body = source.replace(
    /\{instancePath:instancePath\+[^,{}]+,parentData:[^,{}]+,parentDataProperty:[^,{}]+,rootData\}/g,
    (context) => {
      contexts++;
      return `(withPaths ? ${context} : NO_CONTEXT)`;
    },
  );
  const exports = /export const validate = (validate\d+);export default \1;/.exec(body);
  if (contexts === 0 || exports === null)
    throw new Error(
      'gen-validator: the standalone output no longer has the shape buildPathsOnFailure expects',
    );
  const root = exports[1];
  body = body.replace(
    exports[0],
    'export const validate = validateAsffSchema;export default validateAsffSchema;',
  );
  const wrapper = `const NO_CONTEXT = Object.freeze({});
let withPaths = false;
function validateAsffSchema(data) {
  if (${root}(data, NO_CONTEXT)) {
    validateAsffSchema.errors = null;
    return true;
  }
  withPaths = true;
  try {
    ${root}(data);
  } finally {
    withPaths = false;
  }
  validateAsffSchema.errors = ${root}.errors;
  return false;
}
`;
  return `${body}\n${wrapper}`;
}

async function main() {
  const schema = JSON.parse(await readFile(schemaPath, 'utf8'));
  const ajv = new Ajv(AJV_OPTIONS);
  addFormats(ajv, ['ipv4', 'ipv6']);
  const validate = ajv.compile(schema);
  const code = buildPathsOnFailure(
    addFastPaths(guardLengthChecks(rewriteRequires(standaloneCode(ajv, validate)))),
  );
  const header =
    '// GENERATED by scripts/gen-validator.mjs from schema/aws-security-finding.schema.json. Do not edit.\n' +
    '/* eslint-disable */\n// biome-ignore-all lint: generated code\n';
  const declaration =
    '// GENERATED by scripts/gen-validator.mjs. Do not edit.\n' +
    'import type { ErrorObject } from "ajv";\n' +
    '/** The standalone ajv validator of the ASFF schema; after a failed call `errors` holds ajv errors. */\n' +
    'declare const validateAsffSchema: {\n  (data: unknown): boolean;\n  errors?: ErrorObject[] | null;\n};\n' +
    'export default validateAsffSchema;\n';
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, 'validate-asff-schema.js'), header + code);
  await writeFile(join(outDir, 'validate-asff-schema.d.ts'), declaration);
  console.log(`gen-validator: wrote src/generated/validate-asff-schema.js (${code.length} bytes)`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}
