/** Every diagnostic code the CEF tokenizer and its value helpers emit. Codes are stable; messages are not. */
export const CEF_DIAGNOSTIC_CODES = {
  /** No `CEF:` found at all. Always an error. */
  missingHeader: 'cef/missing-header',
  /** `CEF:` found, but not followed by a version integer and a pipe (`CEF:0.5|`, `CEF:x`). Always an error. */
  invalidVersion: 'cef/invalid-version',
  /** A version other than 0 or 1 (`CEF:26`). */
  unsupportedVersion: 'cef/unsupported-version',
  /** Fewer than six pipe-terminated header fields after the version. */
  incompleteHeader: 'cef/incomplete-header',
  /** A backslash sequence that is not an escape here (header: `\\|` `\\\\`; extension: `\\=` `\\\\` `\\n` `\\r`). */
  invalidEscape: 'cef/invalid-escape',
  /** A lone backslash at the end of a header field or of the line. */
  trailingBackslash: 'cef/trailing-backslash',
  /** An `=` inside a value that does not start the next key; it must be sent as `\\=`. */
  unescapedEquals: 'cef/unescaped-equals',
  /** Extension text that does not belong to any `key=` (before the first key). */
  unexpectedText: 'cef/unexpected-text',
  /** A key with a character outside `[A-Za-z0-9_.,[\\]]` (a `-`); accepted only when `strict: false`. */
  invalidKeyCharacter: 'cef/invalid-key-character',
  /** A key longer than `CEF_MAX_KEY_LENGTH`. */
  keyTooLong: 'cef/key-too-long',
  /** More than `CEF_MAX_EXTENSION_PAIRS` pairs; the rest of the line is dropped. */
  tooManyExtensions: 'cef/too-many-extensions',
  /** Input longer than `CEF_MAX_RECORD_LENGTH`. Always an error. */
  recordTooLong: 'cef/record-too-long',
  /** A raw LF or CR inside the record (multi-line values must use `\\n` / `\\r`). */
  rawNewline: 'cef/raw-newline',
  /** Bytes that are not valid UTF-8, replaced by U+FFFD (from `decodeLine`). */
  invalidUtf8: 'cef/invalid-utf8',
  /** Text before `CEF:` that matches no known syslog prefix form; kept in `prefix.raw`. */
  unrecognizedPrefix: 'cef/unrecognized-prefix',
  /** More than `CEF_MAX_DIAGNOSTICS` diagnostics; the rest were not reported. */
  tooManyDiagnostics: 'cef/too-many-diagnostics',
  /** A timestamp in none of the accepted forms, or with an impossible date or time. */
  invalidTimestamp: 'cef/invalid-timestamp',
  /** A timestamp zone name or offset that is not known. */
  unknownTimeZone: 'cef/unknown-time-zone',
  /** A timestamp without a zone; the caller's default zone (UTC unless configured) was used. */
  timestampDefaultZone: 'cef/timestamp-default-zone',
  /** A timestamp without a year; the year placing it nearest before the reference time was used. */
  timestampInferredYear: 'cef/timestamp-inferred-year',
  /** An ISO 8601 timestamp: not a CEF form, accepted because Dragos and Claroty send it. */
  timestampIso8601: 'cef/timestamp-iso8601',
  /** Two custom slots of a family carry the same label; the later one wins. */
  duplicateCustomLabel: 'cef/duplicate-custom-label',
  /** A custom label without its value key, or a custom value without a label. */
  orphanCustomField: 'cef/orphan-custom-field',
} as const;

/** One of the CEF diagnostic codes. */
export type CefDiagnosticCode = (typeof CEF_DIAGNOSTIC_CODES)[keyof typeof CEF_DIAGNOSTIC_CODES];
