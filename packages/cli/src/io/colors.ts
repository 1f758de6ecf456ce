import pc from 'picocolors';

/** The colour functions used by the formatters. */
export type Colors = ReturnType<typeof pc.createColors>;

/**
 * Colours for one output stream: on only when it is a TTY, unless `NO_COLOR` turns them off or
 * `FORCE_COLOR` (not `0`) forces them on.
 */
export function createStreamColors(
  stream: { isTTY?: boolean },
  environment: Readonly<Record<string, string | undefined>> = process.env,
): Colors {
  const forced = environment.FORCE_COLOR !== undefined && environment.FORCE_COLOR !== '0';
  const disabled = environment.NO_COLOR !== undefined && environment.NO_COLOR !== '';
  return pc.createColors(forced || (!disabled && stream.isTTY === true));
}
