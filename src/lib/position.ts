/** A place in a source file, 1-based as editors and GitHub annotations count. */
export interface Position {
	line: number;
	column: number;
}

/** The offset at which each line of `text` starts (line 1 at 0). */
export function lineStarts(text: string): number[] {
	const starts = [0];
	for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
	return starts;
}

/** Offsets → line/column; the line starts are found on the first lookup (most files need none). */
export function lineIndex(text: string) {
	let starts: number[] | undefined;
	return (offset: number): Position => {
		starts ??= lineStarts(text);
		let lo = 0;
		let hi = starts.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (starts[mid]! <= offset) lo = mid;
			else hi = mid - 1;
		}
		return { line: lo + 1, column: offset - starts[lo]! + 1 };
	};
}
