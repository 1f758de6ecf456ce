import fc from 'fast-check';
import type { CefExtension, CefRecord } from '../cef/cef-record.js';
import { formatCef } from '../cef/format-cef.js';
import { CEF_DICTIONARY } from '../parser/cef-dictionary.js';

/** Options for `cefRecordArbitrary` and `cefLineArbitrary`. */
export interface CefRecordArbitraryOptions {
  /** Force the header's Device Vendor (routing tests); random otherwise. */
  readonly deviceVendor?: string;
  /** Force the header's Device Product; random otherwise. */
  readonly deviceProduct?: string;
  /** Extension keys to favour (a vendor's own vocabulary), mixed with dictionary, custom and hostile keys. */
  readonly keys?: readonly string[];
  /** Most extension pairs per record (default 16). */
  readonly maxExtensions?: number;
}

/** Options for `cefLineArbitrary`. */
export interface CefLineArbitraryOptions extends CefRecordArbitraryOptions {
  /** Prepend a generated syslog prefix (default: sometimes). */
  readonly prefix?: 'always' | 'never' | 'sometimes';
}

const SPECIAL_CHARACTERS = [
  '|',
  '\\',
  '=',
  ' ',
  '\n',
  '\r',
  '\t',
  '"',
  "'",
  '[',
  ']',
  ':',
  ',',
  '%',
  '$',
  '&',
  '#',
];
const UNICODE_SAMPLES = ['é', 'Störung', '“quoted”', '日本語', '😀', '\u200b', '\u202e', '\u00a0', '\ufeff'];
const HOSTILE_CONSTANTS = [
  '',
  ' ',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'None',
  'N/A',
  '[]',
  '[None]',
  "['192.0.2.1', None]",
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  '9007199254740993',
  'CEF:0|',
  '\\',
  '\\\\',
  '\\=',
  '\\|',
  '\\n',
  '\ud800',
  '\udfff',
  '\ud83d',
  '\u0000',
  '%s%n',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a log4shell-style probe, literal on purpose
  '${jndi:ldap://example.com/a}',
  '<script>alert(1)</script>',
];

/** Strings that break naive parsers: escapes, separators, lone surrogates, prototype keys, long runs. */
export function hostileStringArbitrary(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(...HOSTILE_CONSTANTS),
    fc.string({
      unit: fc.constantFrom(...SPECIAL_CHARACTERS, ...UNICODE_SAMPLES, 'a', 'k', '0'),
      maxLength: 40,
    }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc
      .tuple(
        fc.constantFrom('\\', '=', '|', 'a ', 'k=', ' ', 'CEF:', '\\\\='),
        fc.integer({ min: 50, max: 2000 }),
      )
      .map(([piece, count]) => piece.repeat(count)),
  );
}

// Header fields may hold anything formatCef can escape; raw CR/LF are impossible in a header.
const headerTextArbitrary = (maxLength: number): fc.Arbitrary<string> =>
  fc
    .oneof(
      { weight: 3, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength }) },
      {
        weight: 1,
        arbitrary: fc.string({
          unit: fc.constantFrom('|', '\\', '=', ' ', 'a', 'Z', '9', ...UNICODE_SAMPLES),
          minLength: 1,
          maxLength,
        }),
      },
    )
    .filter((text) => !/[\r\n]/.test(text) && text.trim() === text && text !== '');

// Extension values never start or end with whitespace: the CEF spec does not keep a final value's
// trailing spaces, and generated records must survive `tokenizeCef(formatCef(record))` unchanged.
const trimmedValue = (arbitrary: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  arbitrary.map((text) => text.replace(/^[\s\u00a0\ufeff]+|[\s\u00a0\ufeff]+$/g, ''));

const printableValueArbitrary = trimmedValue(
  fc.oneof(
    { weight: 4, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 48 }) },
    {
      weight: 1,
      arbitrary: fc.string({
        unit: fc.constantFrom(...SPECIAL_CHARACTERS, ...UNICODE_SAMPLES, 'x'),
        maxLength: 24,
      }),
    },
    { weight: 1, arbitrary: fc.constantFrom('None', 'N/A', '[]', '', '__proto__', '0', '-1') },
  ),
);

const byteHex = fc.integer({ min: 0, max: 255 }).map((byte) => byte.toString(16).padStart(2, '0'));
const macArbitrary = fc
  .array(byteHex, { minLength: 6, maxLength: 6 })
  .chain((bytes) => fc.constantFrom(bytes.join(':'), bytes.join('-'), bytes.join('').toUpperCase()));
const ipArbitrary = fc.oneof(fc.ipV4(), fc.ipV6());
const ipValueArbitrary = fc.oneof(
  { weight: 4, arbitrary: ipArbitrary },
  { weight: 1, arbitrary: fc.array(ipArbitrary, { minLength: 2, maxLength: 3 }).map((ips) => ips.join(',')) },
  { weight: 1, arbitrary: printableValueArbitrary },
);
const portValueArbitrary = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 65535 }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom('-1', '65536', '80.5', 'http', '') },
);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const dateArbitrary = fc.date({
  min: new Date('2000-01-01T00:00:00Z'),
  max: new Date('2035-12-31T23:59:59Z'),
  noInvalidDate: true,
});
const pad = (value: number) => String(value).padStart(2, '0');
const bsdTime = (date: Date) =>
  `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
const timestampValueArbitrary = fc.oneof(
  { weight: 2, arbitrary: dateArbitrary.map((date) => String(date.getTime())) },
  {
    weight: 2,
    arbitrary: dateArbitrary.map(
      (date) =>
        `${MONTHS[date.getUTCMonth()]} ${pad(date.getUTCDate())} ${date.getUTCFullYear()} ${bsdTime(date)}`,
    ),
  },
  { weight: 1, arbitrary: dateArbitrary.map((date) => date.toISOString()) },
  { weight: 1, arbitrary: printableValueArbitrary },
);

const IP_KEYS = new Set([
  'src',
  'dst',
  'dvc',
  'sourceTranslatedAddress',
  'destinationTranslatedAddress',
  'deviceTranslatedAddress',
  'c6a1',
  'c6a2',
  'c6a3',
  'c6a4',
]);
const PORT_KEYS = new Set([
  'spt',
  'dpt',
  'sourceTranslatedPort',
  'destinationTranslatedPort',
  'in',
  'out',
  'cnt',
  'dpid',
  'spid',
  'cn1',
  'cn2',
  'cn3',
  'deviceDirection',
  'type',
  'fsize',
]);
const MAC_KEYS = new Set(['smac', 'dmac', 'dvcmac']);
const TIME_KEYS = new Set([
  'rt',
  'start',
  'end',
  'art',
  'deviceCustomDate1',
  'deviceCustomDate2',
  'flexDate1',
  'fileCreateTime',
  'fileModificationTime',
  'mrt',
]);

function valueArbitraryFor(key: string): fc.Arbitrary<string> {
  if (IP_KEYS.has(key)) return ipValueArbitrary;
  if (PORT_KEYS.has(key)) return portValueArbitrary;
  if (MAC_KEYS.has(key))
    return fc.oneof(
      { weight: 4, arbitrary: macArbitrary },
      { weight: 1, arbitrary: printableValueArbitrary },
    );
  if (TIME_KEYS.has(key)) return timestampValueArbitrary;
  return printableValueArbitrary;
}

const DICTIONARY_KEYS = [...CEF_DICTIONARY.keys()];
const customKeyArbitrary = fc
  .tuple(
    fc.constantFrom('cs', 'cn', 'cfp', 'c6a', 'flexString', 'deviceCustomDate'),
    fc.integer({ min: 1, max: 22 }),
    fc.boolean(),
  )
  .map(([family, index, label]) => `${family}${index}${label ? 'Label' : ''}`);
const vendorKeyArbitrary = fc.oneof(
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,23}$/),
  fc.constantFrom(
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    'alert_id',
    'src_asset_ip',
    'CtdAlertId',
  ),
);

function extensionArbitrary(options: CefRecordArbitraryOptions): fc.Arbitrary<CefExtension> {
  const keys = fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...DICTIONARY_KEYS) },
    { weight: 2, arbitrary: customKeyArbitrary },
    { weight: 1, arbitrary: vendorKeyArbitrary },
    ...(options.keys !== undefined && options.keys.length > 0
      ? [{ weight: 5, arbitrary: fc.constantFrom(...options.keys) }]
      : []),
  );
  return keys.chain((key) => valueArbitraryFor(key).map((value): CefExtension => [key, value]));
}

const severityArbitrary = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 10 }).map(String) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'Unknown',
      'Low',
      'Medium',
      'High',
      'Very-High',
      'low',
      'very-high',
      'Critical',
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom('11', '-1', 'Unapproved', '5.5', '100') },
);

/**
 * CEF records as `tokenizeCef` returns them (no prefix), optionally forced to a vendor and product.
 * Header values never contain CR/LF and are trimmed; extension values are trimmed. Duplicate keys occur.
 */
export function cefRecordArbitrary(options: CefRecordArbitraryOptions = {}): fc.Arbitrary<CefRecord> {
  return fc.record({
    version: fc.constantFrom(0, 1),
    deviceVendor:
      options.deviceVendor === undefined ? headerTextArbitrary(63) : fc.constant(options.deviceVendor),
    deviceProduct:
      options.deviceProduct === undefined ? headerTextArbitrary(63) : fc.constant(options.deviceProduct),
    deviceVersion: headerTextArbitrary(31),
    deviceEventClassId: headerTextArbitrary(64),
    name: headerTextArbitrary(128),
    severity: severityArbitrary,
    extensions: fc.array(extensionArbitrary(options), { maxLength: options.maxExtensions ?? 16 }),
  });
}

const hostnameArbitrary = fc.oneof(
  fc.domain(),
  fc.stringMatching(/^[a-z][a-z0-9-]{0,14}$/),
  fc.constantFrom('192.0.2.10', 'sensor-01.example.com'),
);
const appNameArbitrary = fc.stringMatching(/^[a-z][a-z0-9_]{0,11}$/);
const priArbitrary = fc.integer({ min: 0, max: 191 }).map((pri) => `<${pri}>`);
const bsdDate = (date: Date) =>
  `${MONTHS[date.getUTCMonth()]} ${String(date.getUTCDate()).padStart(2, ' ')} ${bsdTime(date)}`;

/** Syslog prefixes seen before `CEF:` in OT traffic (RFC 3164, RFC 5424 with and without SD, Nozomi, relay, BOM, none). */
export function syslogPrefixArbitrary(): fc.Arbitrary<string> {
  return fc
    .record({
      pri: priArbitrary,
      date: dateArbitrary,
      host: hostnameArbitrary,
      app: appNameArbitrary,
      form: fc.integer({ min: 0, max: 8 }),
    })
    .map(({ pri, date, host, app, form }) => {
      switch (form) {
        case 0:
          return `${bsdDate(date)} ${host} `;
        case 1:
          return `${pri}${bsdDate(date)} ${host} ${app}: `;
        case 2:
          return `${pri}1 ${date.toISOString()} ${host} ${app} - - - `;
        case 3:
          return `${pri}1 ${date.toISOString()} ${host} ${app} - - `;
        case 4:
          return `${pri}${MONTHS[date.getUTCMonth()]} ${pad(date.getUTCDate())} ${date.getUTCFullYear()} ${bsdTime(date)} ${host} n2osevents[0]: `;
        case 5:
          return `${bsdDate(date)} 192.0.2.1 1 ${date.toISOString()} ${host} ${app} - - - `;
        case 6:
          return `1 ${date.toISOString()} ${host} ${app} - - - `;
        case 7:
          return '\ufeff';
        default:
          return '';
      }
    });
}

/** Complete, correctly escaped syslog/CEF lines (`formatCef` of a generated record, with an optional prefix). */
export function cefLineArbitrary(options: CefLineArbitraryOptions = {}): fc.Arbitrary<string> {
  const prefix =
    options.prefix === 'never'
      ? fc.constant('')
      : options.prefix === 'always'
        ? syslogPrefixArbitrary()
        : fc.oneof(fc.constant(''), syslogPrefixArbitrary());
  return fc.tuple(prefix, cefRecordArbitrary(options)).map(([text, record]) => text + formatCef(record));
}
