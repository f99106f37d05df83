/** A place in a source file, 1-based as editors and GitHub annotations count. */
export interface Position {
	line: number;
	column: number;
}

/** Offsets → line/column; the line starts are found on the first lookup (most files need none). */
export function lineIndex(text: string) {
	let starts: number[] | undefined;
	return (offset: number): Position => {
		if (!starts) {
			starts = [0];
			for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
		}
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
