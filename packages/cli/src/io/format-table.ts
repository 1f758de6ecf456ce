/** A column of `formatTable`: its header and an optional cap on its width. */
export interface TableColumn {
  readonly header: string;
  readonly maxWidth?: number;
  readonly align?: 'left' | 'right';
  /** Which end of a too-long cell to keep (default the start; file paths keep their end). */
  readonly keep?: 'start' | 'end';
}

function clip(value: string, width: number, keep: 'start' | 'end'): string {
  const flat = value.replace(/[\r\n\t]+/g, ' ');
  if (flat.length <= width) return flat;
  return keep === 'end'
    ? `…${flat.slice(flat.length - width + 1)}`
    : `${flat.slice(0, Math.max(0, width - 1))}…`;
}

/** Renders rows as a plain-text table with a header and a rule, columns padded to their widest cell. */
export function formatTable(columns: readonly TableColumn[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((column, index) => {
    const widest = Math.max(column.header.length, ...rows.map((row) => (row[index] ?? '').length));
    return Math.min(widest, column.maxWidth ?? widest);
  });
  const render = (cells: readonly string[]): string =>
    columns
      .map((column, index) => {
        const width = widths[index] ?? 0;
        const cell = clip(cells[index] ?? '', width, column.keep ?? 'start');
        return column.align === 'right' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  const lines = [render(columns.map((column) => column.header)), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const row of rows) lines.push(render(row));
  return `${lines.join('\n')}\n`;
}
