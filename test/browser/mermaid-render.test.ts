/**
 * Build-time diagram rendering (scripts/lib/mermaid-render.ts) in Debian's Chromium: every diagram
 * reported in the order found, two cold runs write the same drawings, a broken one is named.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DiagramError, renderDiagrams, type DiagramSource } from '../../scripts/lib/mermaid-render.ts';

const dirs: string[] = [];
const freshDir = () => {
	const dir = mkdtempSync(join(tmpdir(), 'mermaid-render-'));
	dirs.push(dir);
	return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const flow = (n: number): DiagramSource => ({ source: `flowchart LR\n  A${n}[Start ${n}] --> B${n}[End ${n}]`, where: `docs/flow-${n}.mdx:${n}` });
const sequence = (n: number): DiagramSource => ({ source: `sequenceDiagram\n  Alice${n}->>Bob${n}: ping ${n}`, where: `docs/seq-${n}.mdx:${n}` });
const entries = (dir: string) => Object.fromEntries(readdirSync(dir).map((f) => {
	const { ms: _ms, ...svgs } = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { ms: number };
	return [f, svgs];
}));

describe('renderDiagrams', () => {
	const diagrams = [sequence(1), flow(2), sequence(3), flow(4), sequence(5)];

	it('reports every diagram in the order found, and two runs write the same drawings', async () => {
		const [a, b] = [freshDir(), freshDir()];
		const report = await renderDiagrams(diagrams, a);
		expect(report.rendered.map((r) => r.where)).toEqual(diagrams.map((d) => d.where));
		expect(report.cached).toBe(0);
		await renderDiagrams(diagrams, b);
		expect(readdirSync(a)).toHaveLength(5);
		expect(entries(b)).toEqual(entries(a));
		// Nothing left to draw on a second run into the same cache.
		expect(await renderDiagrams(diagrams, a)).toMatchObject({ rendered: [], cached: 5 });
	});

	it('draws a diagram the same whatever was drawn before it, every id under the diagram\'s own', async () => {
		const [alone, after] = [freshDir(), freshDir()];
		await renderDiagrams([sequence(5)], alone);
		await renderDiagrams([sequence(1), sequence(3), flow(2), sequence(5)], after);
		const [file] = readdirSync(alone);
		expect(entries(after)[file!]).toEqual(entries(alone)[file!]);
		// mermaid numbers a sequence diagram's actors across renders; and an actor's name is an id.
		for (const svgs of Object.values(entries(after))) {
			for (const svg of Object.values(svgs as Record<string, string>)) {
				const ids = [...svg.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]!);
				expect(ids.length).toBeGreaterThan(0);
				expect(ids.filter((id) => !id.startsWith('mmd-'))).toEqual([]);
			}
		}
		expect(Object.values(entries(alone)[file!] as Record<string, string>).join('')).toMatch(/ id="mmd-[0-9a-f]+(?:-light)?-actor0"/);
	});

	it('names the diagram mermaid could not draw', async () => {
		const broken: DiagramSource = { source: 'flowchart LR\n  A --> ', where: 'docs/broken.mdx:7' };
		const failure = await renderDiagrams([flow(6), broken, flow(7)], freshDir()).catch((e: unknown) => e);
		expect(failure).toBeInstanceOf(DiagramError);
		expect((failure as Error).message).toMatch(/^docs\/broken\.mdx:7: mermaid could not render this diagram: \S/);
	});
});
