/** A column of `formatTable`: its header and an optional cap on its width. */
export interface TableColumn {
  readonly header: string;
  readonly maxWidth?: number;
  readonly align?: 'left' | 'right';
}

function clip(value: string, width: number): string {
  const flat = value.replace(/[\r\n\t]+/g, ' ');
  return flat.length <= width ? flat : `${flat.slice(0, Math.max(0, width - 1))}…`;
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
        const cell = clip(cells[index] ?? '', width);
        return column.align === 'right' ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  const lines = [render(columns.map((column) => column.header)), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (const row of rows) lines.push(render(row));
  return `${lines.join('\n')}\n`;
}
