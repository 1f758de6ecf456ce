/**
 * `value.trim() === ''` without trimming the usual value: one that starts with a printable ASCII character
 * other than the space is not blank (every character `trim` removes is a space, a control character or
 * above U+007F).
 */
export function isBlank(value: string): boolean {
  const first = value.charCodeAt(0);
  if (first > 32 && first < 127) return false;
  return value.trim() === '';
}
