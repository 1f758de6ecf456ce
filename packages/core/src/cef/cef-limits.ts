/**
 * Input bounds of the CEF tokenizer. Each cap is checked before the work it bounds, so a hostile line
 * costs at most linear time in `min(input.length, CEF_MAX_RECORD_LENGTH)` and bounded memory.
 */

/**
 * Longest accepted input, in UTF-16 code units. 1 MiB: one Kinesis record is at most 1 MB and syslog
 * senders cap messages far lower (64 KiB for UDP). A longer input is rejected with `cef/record-too-long`
 * before anything is scanned.
 */
export const CEF_MAX_RECORD_LENGTH = 1_048_576;

/**
 * Most extension pairs kept per record. Real OT events carry 10-60 pairs (Claroty legacy CTD up to ~70);
 * 1024 leaves room while bounding the offsets array. Pairs beyond it are dropped with
 * `cef/too-many-extensions`.
 */
export const CEF_MAX_EXTENSION_PAIRS = 1024;

/**
 * Longest extension key, in UTF-16 code units. The longest dictionary key has 35 characters
 * (`destinationTranslatedZoneExternalID`), vendor keys stay under 40. A longer key is reported with
 * `cef/key-too-long`.
 */
export const CEF_MAX_KEY_LENGTH = 128;

/**
 * Most diagnostics reported per record; further ones are summarised by one `cef/too-many-diagnostics`,
 * so 100k bad escapes cannot allocate 100k objects.
 */
export const CEF_MAX_DIAGNOSTICS = 64;

/**
 * Longest syslog prefix (text before `CEF:`) that is parsed field by field. A longer prefix is kept
 * verbatim in `prefix.raw` with format `unknown`. Real prefixes are under 200 characters.
 */
export const CEF_MAX_PREFIX_LENGTH = 2048;
