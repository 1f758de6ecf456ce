/** The package version, recorded in every finding (kept in step with package.json by a test). */
export const NOZOMI_PARSER_VERSION = '0.1.0';
