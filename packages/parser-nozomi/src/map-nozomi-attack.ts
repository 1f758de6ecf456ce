import { createInputMemo, detachString } from '@otbridge/core';
/** ATT&CK for ICS technique ids and tactic names from `flexString1` / `flexString2`. */
export interface NozomiAttack {
  /** Valid technique ids (`T0843`, `T0866.001`), in order, without duplicates. */
  readonly techniques: readonly string[];
  /** Tactic names in Title Case (`Impair Process Control`), in order, without duplicates. */
  readonly tactics: readonly string[];
}

/** Most techniques or tactics read from one field (more are ignored). */
export const NOZOMI_MAX_ATTACK_ITEMS = 10;
/** Longest tactic name kept (a Types segment). */
export const NOZOMI_MAX_TACTIC_LENGTH = 64;

const NO_ITEMS: readonly string[] = Object.freeze([]);
const NO_ATTACK: NozomiAttack = Object.freeze({ techniques: NO_ITEMS, tactics: NO_ITEMS });

function parseTechniques(value: string): string[] {
  return splitList(value).filter(isTechniqueId);
}

function parseTactics(value: string): string[] {
  return splitList(value).map(toTacticName);
}

// A sensor sends the same few ATT&CK lists again and again: each list as sent is parsed once. The lists are
// frozen, as callers share them, and their items detached from the line they were cut from.
const LIST_CACHE = { maxEntries: 256, maxKeyLength: 512 };
const readTechniques = createInputMemo(
  (value): readonly string[] => Object.freeze(parseTechniques(value).map(detachString)),
  LIST_CACHE,
);
const readTactics = createInputMemo(
  (value): readonly string[] => Object.freeze(parseTactics(value).map(detachString)),
  LIST_CACHE,
);

/** Parses the comma-separated ATT&CK fields; tolerant of snake_case, spaces and junk. Never throws. */
export function mapNozomiAttack(techniques: string | undefined, tactics: string | undefined): NozomiAttack {
  // Most events carry no ATT&CK fields: they share one empty result.
  if (techniques === undefined && tactics === undefined) return NO_ATTACK;
  return {
    techniques: techniques === undefined ? NO_ITEMS : readTechniques(techniques),
    tactics: tactics === undefined ? NO_ITEMS : readTactics(tactics),
  };
}

function splitList(value: string | undefined): string[] {
  if (value === undefined) return [];
  const items: string[] = [];
  for (const part of value.split(',')) {
    const item = part.trim();
    if (item !== '' && !items.includes(item)) items.push(item);
    if (items.length === NOZOMI_MAX_ATTACK_ITEMS) break;
  }
  return items;
}

/** `T` + 4 digits, optionally `.` + 3 digits (ATT&CK sub-technique). */
function isTechniqueId(value: string): boolean {
  if (value.length !== 5 && value.length !== 9) return false;
  if (value.charCodeAt(0) !== 84) return false;
  for (let index = 1; index < value.length; index += 1) {
    const code = value.charCodeAt(index);
    if (index === 5 ? code !== 46 : code < 48 || code > 57) return false;
  }
  return true;
}

/** `impair_process_control` → `Impair Process Control`; `/` (a Types separator) becomes a space. */
function toTacticName(value: string): string {
  // One pass over the words between ` `, `_` and `/` (what replaceAll + split + filter + map + join gave,
  // without their arrays): each word with its first unit upper-cased, joined by one space.
  let name = '';
  let start = -1;
  for (let index = 0; index <= value.length; index += 1) {
    const code = index < value.length ? value.charCodeAt(index) : 32;
    if (code === 32 || code === 95 /* _ */ || code === 47 /* / */) {
      if (start >= 0) {
        const word = value.charAt(start).toUpperCase() + value.slice(start + 1, index);
        name = name === '' ? word : `${name} ${word}`;
        start = -1;
      }
    } else if (start < 0) {
      start = index;
    }
  }
  return name.slice(0, NOZOMI_MAX_TACTIC_LENGTH).trim();
}
