/**
 * The files the build publishes under /downloads/ (issue 23): the offline copy of the site, its
 * checksum and the printed DR binder. Pages link to them by their site path
 * (`[binder](/downloads/neotool-dr-binder.pdf)`), which no page source can reach with a relative
 * link; the authors' check holds such links to this list (scripts/check/rules/links.ts), so a typo
 * fails at `npm run check` instead of after a full build at the link checker.
 */
export const DOWNLOADS_DIR = 'downloads';

export const DOWNLOADS = [
	{ file: 'neotool-ops-docs-offline.zip', what: 'The whole site, search and diagrams included, to open from file://' },
	{ file: 'neotool-ops-docs-offline.zip.sha256', what: "The offline zip's SHA-256 checksum" },
	{ file: 'neotool-dr-binder.pdf', what: 'The DR binder: the pages needed when nothing works, printed' },
] as const;

/** Site paths of the downloads: `/downloads/<file>`. */
export const DOWNLOAD_PATHS: readonly string[] = DOWNLOADS.map(({ file }) => `/${DOWNLOADS_DIR}/${file}`);
