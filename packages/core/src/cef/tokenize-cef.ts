import { createDiagnostic, type Diagnostic, type DiagnosticSeverity } from '../diagnostics/diagnostic.js';
import { CEF_DIAGNOSTIC_CODES as CODES } from './cef-diagnostic-codes.js';
import { KEY_CLASS, KEY_START, unescapeHeaderField } from './cef-escape.js';
import {
  CEF_MAX_DIAGNOSTICS,
  CEF_MAX_EXTENSION_PAIRS,
  CEF_MAX_KEY_LENGTH,
  CEF_MAX_RECORD_LENGTH,
} from './cef-limits.js';
import type { DecodedLine, TokenizeCefOptions, TokenizeCefResult } from './cef-record.js';
import { lineCodeUnits } from './line-code-units.js';
import { parseSyslogPrefix } from './parse-syslog-prefix.js';
import { type CefHeaderFields, TokenizedCefRecord } from './tokenized-cef-record.js';

const SPACE = 32;
const EQUALS = 61;
const BACKSLASH = 92;
const PIPE = 124;
const LF = 10;
const CR = 13;
const DASH = 45;

/** Shared empty list for clean records (never mutated: `add` replaces it first). */
const NO_DIAGNOSTICS: Diagnostic[] = Object.freeze([]) as unknown as Diagnostic[];

/** Collects diagnostics up to `CEF_MAX_DIAGNOSTICS`; `errors` counts error-severity ones. */
class DiagnosticSink {
  list: Diagnostic[] = NO_DIAGNOSTICS;
  errors = 0;
  constructor(readonly violation: DiagnosticSeverity) {}

  /** A spec violation: an error when strict, a warning otherwise. */
  spec(code: string, message: string, offset: number): void {
    this.add(code, this.violation, message, offset);
  }

  add(code: string, severity: DiagnosticSeverity, message: string, offset?: number): void {
    if (severity === 'error') this.errors++;
    if (this.list === NO_DIAGNOSTICS) this.list = [];
    if (this.list.length < CEF_MAX_DIAGNOSTICS)
      this.list.push(createDiagnostic(code, severity, message, offset));
    else if (this.list.length === CEF_MAX_DIAGNOSTICS) {
      this.list.push(
        createDiagnostic(
          CODES.tooManyDiagnostics,
          'warning',
          `More than ${CEF_MAX_DIAGNOSTICS} problems in this record; the rest are not listed.`,
        ),
      );
    }
  }
}

/**
 * Tokenizes one CEF line (with or without a syslog prefix) into header fields and ordered extension
 * pairs. Total: never throws; spec violations are errors by default and warnings with `strict: false`.
 */
export function tokenizeCef(input: string | DecodedLine, options?: TokenizeCefOptions): TokenizeCefResult {
  const strict = options?.strict ?? true;
  const sink = new DiagnosticSink(strict ? 'error' : 'warning');
  let line: string;
  if (typeof input === 'string') line = input;
  else {
    line = typeof input?.text === 'string' ? input.text : '';
    for (const d of input?.diagnostics ?? []) {
      sink.add(d.code, d.code === CODES.invalidUtf8 ? sink.violation : d.severity, d.message, d.offset);
    }
  }
  if (line.length > CEF_MAX_RECORD_LENGTH) {
    sink.add(
      CODES.recordTooLong,
      'error',
      `The line has ${line.length} UTF-16 code units, more than the limit of ${CEF_MAX_RECORD_LENGTH}; split or truncate it at the sender.`,
      CEF_MAX_RECORD_LENGTH,
    );
    return { ok: false, diagnostics: sink.list };
  }
  return scan(line, sink);
}

function scan(line: string, sink: DiagnosticSink): TokenizeCefResult {
  // One line terminator at the end is framing, not content.
  let end = line.length;
  if (end > 0 && line.charCodeAt(end - 1) === LF) end--;
  if (end > 0 && line.charCodeAt(end - 1) === CR) end--;

  // CEF:<digits>|  — the first occurrence; text before it is the syslog prefix.
  let cef = line.indexOf('CEF:');
  let firstCef = cef;
  let versionEnd = -1;
  while (cef !== -1 && cef < end) {
    let j = cef + 4;
    while (j < end && line.charCodeAt(j) >= 48 && line.charCodeAt(j) <= 57) j++;
    if (j > cef + 4 && j < end && line.charCodeAt(j) === PIPE) {
      versionEnd = j;
      break;
    }
    cef = line.indexOf('CEF:', j);
  }
  if (firstCef >= end) firstCef = -1;
  if (versionEnd === -1) {
    if (firstCef === -1) {
      sink.add(CODES.missingHeader, 'error', 'No "CEF:" header found; this is not a CEF line.', 0);
    } else {
      sink.add(
        CODES.invalidVersion,
        'error',
        'The CEF version must be an integer followed by a pipe, e.g. "CEF:0|".',
        firstCef + 4,
      );
    }
    return { ok: false, diagnostics: sink.list };
  }

  const { prefix, recognized } = parseSyslogPrefix(line, cef);
  if (!recognized) {
    sink.add(
      CODES.unrecognizedPrefix,
      'warning',
      'The text before "CEF:" matches no known syslog prefix; it is kept verbatim in prefix.raw.',
      0,
    );
  }

  let newline = line.indexOf('\n', cef);
  const carriageReturn = line.indexOf('\r', cef);
  if (newline === -1 || newline >= end || (carriageReturn !== -1 && carriageReturn < newline))
    newline = carriageReturn;
  if (newline !== -1 && newline < end) {
    sink.spec(
      CODES.rawNewline,
      'A raw line break is not allowed in CEF; values use "\\n" or "\\r".',
      newline,
    );
  }

  const version = Number(line.slice(cef + 4, versionEnd));
  if (version !== 0 && version !== 1) {
    sink.spec(CODES.unsupportedVersion, `CEF version ${version} is not 0 or 1.`, cef + 4);
  }

  // Header:  CEF:0|Vendor|Product|Version|ClassId|Name|Severity|ext...
  //                ^ pos, each field ends at an unescaped pipe
  const fields: string[] = [];
  let pos = versionEnd + 1;
  let incomplete = false;
  let backslash = line.indexOf('\\', pos);
  let fieldStart = pos;
  for (let field = 0; field < 6; field++) {
    const start = pos;
    fieldStart = start;
    let escaped = false;
    let pipe = line.indexOf('|', pos);
    if (pipe === -1 || pipe > end) pipe = end;
    while (backslash !== -1 && backslash < pipe) {
      escaped = true;
      const next = backslash + 1 < end ? line.charCodeAt(backslash + 1) : -1;
      if (next === PIPE || next === BACKSLASH) {
        if (backslash + 1 === pipe) {
          // An escaped pipe is content: look for the next one.
          pipe = line.indexOf('|', pipe + 1);
          if (pipe === -1 || pipe > end) pipe = end;
        }
        backslash = line.indexOf('\\', backslash + 2);
      } else {
        if (next === -1)
          sink.spec(
            CODES.trailingBackslash,
            'A header field ends in a lone backslash; send "\\\\".',
            backslash,
          );
        else {
          sink.spec(
            CODES.invalidEscape,
            'Only "\\|" and "\\\\" are escapes in the CEF header; escape the backslash as "\\\\".',
            backslash,
          );
        }
        backslash = line.indexOf('\\', backslash + 1);
      }
    }
    fields.push(escaped ? unescapeHeaderField(line, start, pipe) : line.slice(start, pipe));
    if (pipe >= end) {
      incomplete = true;
      pos = end;
      break;
    }
    pos = pipe + 1;
  }
  if (incomplete) {
    sink.spec(
      CODES.incompleteHeader,
      `The CEF header needs seven pipe-terminated fields after "CEF:"; only ${fields.length - 1} complete field(s) found (Severity needs its closing pipe too).`,
      end,
    );
  }
  // A cut header (beats#30757): leniently, pairs that start inside the last, unterminated field are
  // recovered as the extension, e.g. "CEF:0|V|P|1|100|Name src=192.0.2.1" keeps src.
  let recovered: readonly number[] | undefined;
  if (incomplete && sink.violation === 'warning') {
    const k = findFirstKey(line, fieldStart, end);
    if (k !== -1) {
      let valueEnd = k;
      while (valueEnd > fieldStart && line.charCodeAt(valueEnd - 1) === SPACE) valueEnd--;
      fields[fields.length - 1] = unescapeHeaderField(line, fieldStart, valueEnd);
      recovered = scanExtension(line, k, end, sink, line.indexOf('\\', k));
    }
  }
  if (incomplete) while (fields.length < 6) fields.push('');
  const header: CefHeaderFields = {
    version,
    deviceVendor: fields[0]!,
    deviceProduct: fields[1]!,
    deviceVersion: fields[2]!,
    deviceEventClassId: fields[3]!,
    name: fields[4]!,
    severity: fields[5]!,
  };
  // The header scan already knows the next backslash, saving a second search of the line.
  const spans = incomplete ? (recovered ?? NO_SPANS) : scanExtension(line, pos, end, sink, backslash);
  if (sink.errors > 0) return { ok: false, diagnostics: sink.list };
  return { ok: true, record: new TokenizedCefRecord(header, line, spans, prefix), diagnostics: sink.list };
}

/**
 * Scans `key=value key=value ...` from `pos` to `end` and returns the pair spans. Native `indexOf` jumps
 * from one `=` (or backslash) to the next; only the key-shaped run before each unescaped `=` is read
 * backwards, and runs never overlap, so the whole pass is linear.
 *
 * ```
 * act=blocked a | dst=192.0.2.1   msg=a\=b
 *                 ^run ^eq: a space, then a key, then "=" ends the value before that space
 * ```
 */
function scanExtension(
  line: string,
  pos: number,
  end: number,
  sink: DiagnosticSink,
  nextBackslash: number,
): readonly number[] {
  const spans = SPANS;
  // The line's code units as a typed array (when it fits the scratch): the backward key scans read them.
  const units = lineCodeUnits(line);
  let count = 0;
  while (pos < end && line.charCodeAt(pos) === SPACE) pos++;
  const junkStart = pos;
  let keyStart = -1;
  let keyEnd = -1;
  let valueStart = -1; // -1 while no key has been seen
  let escaped = false;
  let cursor = pos;
  let backslash = nextBackslash >= end ? -1 : nextBackslash;
  for (;;) {
    let eq = line.indexOf('=', cursor);
    if (eq === -1 || eq >= end) eq = end;
    let escapedEquals = false;
    while (backslash !== -1 && backslash < eq) {
      escaped = true;
      const next = backslash + 1 < end ? line.charCodeAt(backslash + 1) : -1;
      if (next === EQUALS || next === BACKSLASH || next === 110 || next === 114) {
        if (backslash + 1 === eq) escapedEquals = true;
        backslash = line.indexOf('\\', backslash + 2);
      } else {
        if (next === -1)
          sink.spec(CODES.trailingBackslash, 'The line ends in a lone backslash; send "\\\\".', backslash);
        else {
          sink.spec(
            CODES.invalidEscape,
            'Only "\\=", "\\\\", "\\n" and "\\r" are escapes in a CEF extension; escape the backslash as "\\\\".',
            backslash,
          );
        }
        backslash = line.indexOf('\\', backslash + 1);
      }
      if (backslash >= end) backslash = -1;
    }
    if (eq === end) break;
    cursor = eq + 1;
    if (escapedEquals) continue;

    // Read the run before "=" backwards; it must be key-shaped and preceded by a space (or start the extension).
    const floor = valueStart === -1 ? junkStart : valueStart;
    let k = eq;
    if (units !== undefined) {
      // Four units a step while all four are key characters (four independent reads instead of a chain of
      // one), then one at a time to the run's start.
      while (
        k - 4 >= floor &&
        (KEY_CLASS[units[k - 1] as number]! &
          KEY_CLASS[units[k - 2] as number]! &
          KEY_CLASS[units[k - 3] as number]! &
          KEY_CLASS[units[k - 4] as number]!) !==
          0
      )
        k -= 4;
      while (k > floor && KEY_CLASS[units[k - 1] as number] !== 0) k--;
    } else while (k > floor && KEY_CLASS[line.charCodeAt(k - 1)] !== 0) k--;
    // The unit before the run (-1 at the floor) and the run's first unit, each read once.
    let before = k > floor ? (units !== undefined ? (units[k - 1] as number) : line.charCodeAt(k - 1)) : -1;
    let dash = false;
    if (before === DASH) {
      // Rare: a "-" in the key (tolerated, reported below). Continue from where the fast loop stopped.
      dash = true;
      while (k > floor && (KEY_CLASS[line.charCodeAt(k - 1)] !== 0 || line.charCodeAt(k - 1) === DASH)) k--;
      before = k > floor ? line.charCodeAt(k - 1) : -1;
    }
    const first = k < eq ? (units !== undefined ? (units[k] as number) : line.charCodeAt(k)) : -1;
    const startsKey = first !== -1 && (KEY_CLASS[first]! & KEY_START) !== 0;
    // Before the first key the run may also start the extension (junkStart is the floor then).
    const afterSpace = before === SPACE || (valueStart === -1 && k === junkStart);
    if (!startsKey || !afterSpace) {
      sink.spec(CODES.unescapedEquals, 'An "=" inside a value must be escaped as "\\=".', eq);
      continue;
    }
    if (valueStart === -1) {
      if (k > junkStart) {
        sink.spec(
          CODES.unexpectedText,
          'Text before the first key=value pair is not part of any pair.',
          junkStart,
        );
      }
    } else {
      spans[count] = keyStart;
      spans[count + 1] = keyEnd;
      spans[count + 2] = escaped ? ~valueStart : valueStart;
      spans[count + 3] = k - 1;
      count += 4;
      if (count >= CEF_MAX_EXTENSION_PAIRS * 4) {
        sink.spec(
          CODES.tooManyExtensions,
          `More than ${CEF_MAX_EXTENSION_PAIRS} extension pairs; the rest of the line is dropped.`,
          k,
        );
        return spans.slice(0, count);
      }
    }
    if (dash)
      sink.spec(CODES.invalidKeyCharacter, 'A CEF key may only contain letters, digits and _ . , [ ].', k);
    if (eq - k > CEF_MAX_KEY_LENGTH) {
      sink.spec(CODES.keyTooLong, `A key is longer than ${CEF_MAX_KEY_LENGTH} characters.`, k);
    }
    keyStart = k;
    keyEnd = eq;
    valueStart = eq + 1;
    escaped = false;
  }
  if (valueStart === -1) {
    if (pos < end)
      sink.spec(CODES.unexpectedText, 'The extension holds text but no key=value pair.', junkStart);
    return NO_SPANS;
  }
  let valueEnd = end;
  while (valueEnd > valueStart && line.charCodeAt(valueEnd - 1) === SPACE) valueEnd--;
  spans[count] = keyStart;
  spans[count + 1] = keyEnd;
  spans[count + 2] = escaped ? ~valueStart : valueStart;
  spans[count + 3] = valueEnd;
  return spans.slice(0, count + 4);
}

/** Start of the first `key=` in `line[from, end)` (a key-shaped run after a space or at `from`), or -1. */
function findFirstKey(line: string, from: number, end: number): number {
  let eq = line.indexOf('=', from);
  while (eq !== -1 && eq < end) {
    let k = eq;
    while (k > from && KEY_CLASS[line.charCodeAt(k - 1)] !== 0) k--;
    const startsKey = k < eq && (KEY_CLASS[line.charCodeAt(k)]! & KEY_START) !== 0;
    if (startsKey && (k === from || line.charCodeAt(k - 1) === SPACE)) return k;
    eq = line.indexOf('=', eq + 1);
  }
  return -1;
}

/** Scratch buffer for one scan (the scan is synchronous); each record gets an exact-size copy. */
const SPANS: number[] = new Array(CEF_MAX_EXTENSION_PAIRS * 4).fill(0);
const NO_SPANS: readonly number[] = [];
