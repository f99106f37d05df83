/**
 * Bounded work (issue 25 point 4): no page makes the check slow. Adversarial 1 MB pages go through
 * the CLI as an author runs it; random and adversarial pages go through one file's analysis
 * in-process, each within a time bound and without any rule failing inside.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyseFile } from '../../scripts/check/check-file.ts';
import { linesOf, runCheck, CHECK_TODAY } from '../helpers/check.ts';
import { TMP } from '../helpers/paths.ts';

const HEADER = `---
title: Adversarial page
description: A page built to make a rule slow.
type: infrastructure
category: operations
kind: guide
status: current
version: 1.0.0
tags: [operations]
last_updated: 2026-11-20
owner: SRE Team
review_frequency: monthly
---

## Overview

`;
const MB = 1024 * 1024;
const fill = (unit: string, bytes = MB) => unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);

/** Inputs that made a regex backtrack over the rest of a run from every position in it. */
const ADVERSARIAL: Record<string, string> = {
	'password then a.': `password ${fill('a.')}`,
	'password assignments': fill('a.password='),
	'token in dashes': `token ${fill('a-')}`,
	'token run': fill('token'),
	'url scheme dots': `x:// ${fill('a.')}`,
	'jwt heads': fill('eyJaaaaaaaa-'),
	'slack heads': fill('xoxb-'),
	'private key heads': fill('-----BEGIN A '),
	'inline code with passwords': fill('`x` password=abc1 '),
	'brackets': fill('[a]('),
	'emphasis': fill('*_'),
	'non-ASCII code': '```text\n' + fill('kube\u0441tl \u200b') + '\n```',
};

const dir = join(TMP, 'bounded');
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('1 MB adversarial pages through `npm run check`', () => {
	it.each(Object.keys(ADVERSARIAL))('%s: finished in bounded time, page refused for its size', (name) => {
		const file = join(dir, `${name.replace(/[^a-z]+/g, '-')}.mdx`);
		writeFileSync(file, HEADER + ADVERSARIAL[name]! + '\n');
		const started = performance.now();
		const result = runCheck(['--root', dir, file]);
		const seconds = (performance.now() - started) / 1000;
		// The issue asks for 2 s; the bound here is generous for a machine shared by 8 agents (the
		// measured figures are in the README). Quadratic, the first case took minutes.
		expect(seconds).toBeLessThan(8);
		const lines = linesOf(result);
		expect(lines.some((l) => /:1:1 {2}file-size {2}Unexpected page of 1,\d{3} KB, expected at most 512 KB/.test(l))).toBe(true);
		expect(lines.filter((l) => l.includes('check-internal'))).toEqual([]);
		expect(result.status).toBe(1);
	});
});

describe('adversarial pages just under the size limit, every rule run', () => {
	it.each(Object.keys(ADVERSARIAL))('%s: finished in bounded time', (name) => {
		const file = join(dir, `under-${name.replace(/[^a-z]+/g, '-')}.mdx`);
		// Trimmed to 500 KB of bytes (the non-ASCII case has multi-byte characters).
		let body = ADVERSARIAL[name]!.slice(0, 500 * 1024);
		while (Buffer.byteLength(HEADER + body) > 500 * 1024) body = body.slice(0, -1024);
		writeFileSync(file, HEADER + body + '\n');
		const started = performance.now();
		const result = runCheck(['--root', dir, file]);
		const seconds = (performance.now() - started) / 1000;
		expect(seconds).toBeLessThan(8);
		const lines = linesOf(result);
		expect(lines.filter((l) => l.includes('file-size') || l.includes('check-internal'))).toEqual([]);
	});
});

/** mulberry32: a seeded generator, so a failing page can be made again from its seed. */
function random(seed: number) {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

// Pieces of Markdown, MDX, YAML and the secret patterns, plus characters rules care about.
const PIECES = [
	'password', 'passwd: ', '=', 'a.', 'token', '-', 'api_key: ', 'eyJ', 'xoxb-', 'hvs.', 'AKIA', '://', 'https://', 'www.', '@', ':',
	'[', ']', '(', ')', '](', '`', '``', '```', '\n```text\n', '\n```mermaid\nflowchart LR\n', 'A --> B\n', '\n', '\n\n', ' ', '  ', '\t',
	'*', '_', '#', '## ', '|', '---', '> ', '- ', '1. ', '<', '>', '{', '}', '"', "'", '&', '\\', '!', '$', '${', '$(',
	'\u0441', '\u200b', '\u202e', '\u2066', '\ufeff', 'é', '→', '├──', '…', 'x', 'abc', '0123456789',
];
const YAML_PIECES = ['title: ', 'description: ', 'tags: ', '[', ']', '{', '}', '"', "'", '&a ', '*a', '- ', '  ', '\n', ': ', 'x', '#', '|', '>', '---'];

function randomPage(next: () => number): string {
	const pick = <T,>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
	const body: string[] = [];
	const size = next() < 0.1 ? 200_000 : 2_000 + Math.floor(next() * 30_000);
	if (next() < 0.3) {
		// One piece repeated: the shape that finds a rule that backtracks.
		const piece = pick(PIECES) + pick(PIECES);
		body.push(piece.repeat(Math.ceil(size / piece.length)));
	} else for (let length = 0; length < size; ) length += (body[body.push(pick(PIECES)) - 1]!).length;
	if (next() < 0.3) {
		const yaml: string[] = [];
		for (let i = 0; i < 60; i++) yaml.push(pick(YAML_PIECES));
		return `---\n${yaml.join('')}\n---\n\n${body.join('')}\n`;
	}
	return HEADER + body.join('') + '\n';
}

describe('fuzz: random and adversarial pages, one at a time in-process', () => {
	it('each page is analysed within 2 s, every rule finishes, every finding is positioned', () => {
		const next = random(25);
		const slow: string[] = [];
		for (let i = 0; i < 60; i++) {
			const page = randomPage(next);
			const rel = `fuzz-${i}.mdx`;
			writeFileSync(join(dir, rel), page);
			const started = performance.now();
			const analysis = analyseFile(dir, rel, rel, { today: CHECK_TODAY }, Buffer.from(page));
			const ms = performance.now() - started;
			if (ms > 2_000) slow.push(`page ${i} (${page.length} chars): ${Math.round(ms)} ms`);
			expect(analysis.problems.filter((p) => p.rule === 'check-internal').map((p) => `page ${i}: ${p.message}`)).toEqual([]);
			for (const p of analysis.problems) {
				expect(p.line).toBeGreaterThanOrEqual(1);
				expect(p.column).toBeGreaterThanOrEqual(1);
				expect(p.message).not.toContain('\n');
			}
		}
		expect(slow).toEqual([]);
	});
});
