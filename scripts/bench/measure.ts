/** Runs one command under GNU time and returns wall, CPU and peak RSS, the figures every bench row shows. */
import { spawnSync } from 'node:child_process';

export interface Measurement {
	step: string;
	ok: boolean;
	wallSeconds: number;
	cpuSeconds: number;
	peakRssMb: number;
	pages?: number;
	pagesPerSecond?: number;
	note?: string;
}

export function measure(step: string, command: string, args: string[], options: { cwd: string; env?: Record<string, string> }): Measurement & { output: string } {
	// %e wall, %U+%S CPU, %M peak RSS (KiB) of the largest process in the tree.
	const result = spawnSync('/usr/bin/time', ['-f', 'BENCH %e %U %S %M', command, ...args], {
		cwd: options.cwd,
		env: { ...process.env, ...options.env, FORCE_COLOR: '0' },
		encoding: 'utf8',
		maxBuffer: 512 * 1024 * 1024,
	});
	const output = `${result.stdout}\n${result.stderr}`;
	const line = output.split('\n').reverse().find((l) => l.startsWith('BENCH '));
	const [wall, user, sys, rss] = (line ?? 'BENCH 0 0 0 0').split(' ').slice(1).map(Number) as [number, number, number, number];
	return { step, ok: result.status === 0, wallSeconds: wall, cpuSeconds: +(user + sys).toFixed(2), peakRssMb: Math.round(rss / 1024), output };
}
