/**
 * What `npm run new` writes in every part of a page still to be written, and what the check reports
 * (`runbook-scaffold`) until it is gone. Its own module: the check needs the marker, not the
 * scaffold writer and the YAML library behind it.
 */
export const SCAFFOLD_MARKER = 'TODO:';
