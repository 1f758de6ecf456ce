/** A decimal integer (optional sign, surrounding spaces allowed) within the safe-integer range, else undefined. */
export function parseCefInteger(value: string): number | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text.length === 0 || text.length > 17) return undefined;
  let i = text[0] === '-' || text[0] === '+' ? 1 : 0;
  if (i === text.length) return undefined;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  const number = Number(text);
  return Number.isSafeInteger(number) ? number : undefined;
}
