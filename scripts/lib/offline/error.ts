/** A problem making the offline copy, said in one message naming the file and the fix (no stack trace). */
export class OfflineBundleError extends Error {}
