/**
 * A realistic docs corpus for benchmarks: N valid pages shaped like the NeoTool docs (frontmatter,
 * 5–8 sections, shell blocks, tables, relative links with anchors, a mermaid diagram in one page of
 * ten, runbooks with their five sections). Deterministic for a given N and seed, so figures from two
 * runs compare the same work. Used by the check benchmark and, later, the build benchmark.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { RUNBOOK_SECTIONS } from '../../schemas/kind.ts';
import { SECTIONS } from '../../src/lib/sections.ts';

export interface CorpusOptions {
	docs: number;
	seed?: number;
}

export interface CorpusDoc {
	/** Path from the docs root, e.g. `11-infrastructure/page-0007.mdx`. */
	rel: string;
	source: string;
}

/** mulberry32: a tiny seeded PRNG, so the corpus is the same on every machine. */
function rng(seed: number) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const TOPICS = ['Kafka', 'PostgreSQL', 'Vault', 'Flux', 'Grafana', 'Loki', 'PgBouncer', 'Apollo Router', 'Prometheus', 'K3s'];
const NAMESPACES = ['neotool-app', 'neotool-data', 'neotool-messaging', 'neotool-observability', 'neotool-security', 'flux-system'];
const TAGS = ['kubernetes', 'operations', 'monitoring', 'database', 'kafka', 'vault', 'flux', 'deployment', 'troubleshooting', 'backup'];
const EXTRA_HEADINGS = ['Overview', 'Architecture', 'Configuration', 'Verification', 'Monitoring', 'Capacity', 'Security notes', 'Related procedures', 'Limits'];
const WORDS = 'the cluster keeps each service behind its own namespace so that a fault in one workload stays there while the operator checks metrics logs and events before changing anything in production'.split(' ');

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-');

/** The page list first (paths, titles, headings), so links can point at real anchors of other pages. */
export function generateCorpus({ docs, seed = 42 }: CorpusOptions): CorpusDoc[] {
	const random = rng(seed);
	const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
	const sentence = (n: number) => {
		const words = Array.from({ length: n }, () => pick(WORDS));
		return words.join(' ').replace(/^./, (c) => c.toUpperCase()) + '.';
	};
	const plans = Array.from({ length: docs }, (_, i) => {
		const section = SECTIONS[i % SECTIONS.length]!.dir;
		const topic = TOPICS[i % TOPICS.length]!;
		const runbook = i % 3 === 0;
		const count = 5 + Math.floor(random() * 4);
		const headings = runbook
			? [...RUNBOOK_SECTIONS.slice(0, 2), ...EXTRA_HEADINGS.slice(0, count - 5), ...RUNBOOK_SECTIONS.slice(2)]
			: [...EXTRA_HEADINGS].sort(() => random() - 0.5).slice(0, count);
		// Sections hold folders of at most PAGES_PER_FOLDER pages, as a large real docs tree does.
		const folder = `part-${String(Math.floor(Math.floor(i / SECTIONS.length) / PAGES_PER_FOLDER)).padStart(2, '0')}`;
		return { rel: `${section}/${folder}/page-${String(i).padStart(4, '0')}.mdx`, section, title: `${topic} ${runbook ? 'runbook' : 'guide'} ${i}`, runbook, topic, headings, mermaid: i % 10 === 0 };
	});
	const pages = plans.map((plan, i) => {
		const link = () => {
			const target = plans[(i * 7 + 1 + Math.floor(random() * docs)) % docs]!;
			const relative = posix.relative(posix.dirname(plan.rel), target.rel);
			const path = relative.startsWith('.') ? relative : `./${relative}`;
			return `[${target.title}](${path.replace(/\.mdx$/, '.md')}#${slug(pick(target.headings))})`;
		};
		const lines = [
			'---',
			`title: ${plan.title}`,
			`description: How the SRE team operates ${plan.topic} in the NeoTool clusters, page ${i} of the benchmark corpus.`,
			'type: infrastructure',
			`category: ${plan.runbook ? 'operations' : 'maintenance'}`,
			`kind: ${plan.runbook ? 'runbook' : 'guide'}`,
			'status: current',
			'version: 1.0.0',
			`tags: [${pick(TAGS)}, operations]`.replace('[operations, operations]', '[operations]'),
			'related:',
			`  - ${plans[(i + 1) % docs]!.rel.replace(/\.mdx$/, '.md')}`,
			'last_updated: 2026-01-02',
			'owner: SRE Team',
			'review_frequency: yearly',
			'---',
			'',
			`${sentence(18)} See ${link()} before you start.`,
			'',
		];
		plan.headings.forEach((heading, h) => {
			const ns = pick(NAMESPACES);
			lines.push(`## ${heading}`, '', `${sentence(20)} ${sentence(14)}`, `${sentence(16)} Related: ${link()}.`, '');
			if (h % 2 === 0) lines.push('```bash', `kubectl get pods -n ${ns}`, `kubectl describe deployment ${slug(plan.topic)} --namespace ${ns}`, `kubectl logs deploy/${slug(plan.topic)} -n ${ns} --since=15m`, '```', '');
			if (h % 3 === 1) lines.push('| Check | Command | Expected |', '| ----- | ------- | -------- |', `| Pods | \`kubectl get pods -n ${ns}\` | All \`Running\` |`, `| Events | \`kubectl get events -n ${ns}\` | No \`Warning\` |`, '');
			if (h === 1) lines.push(`- ${sentence(8)}`, `- ${sentence(10)}`, `- ${sentence(6)}`, '');
			if (plan.mermaid && h === 0) lines.push('```mermaid', 'flowchart LR', `    A["${plan.topic} alert"] --> B{"Pods healthy?"}`, '    B -->|yes| C["Check dependencies"]', '    B -->|no| D["Restart deployment"]', '    D --> E["Verify"]', '```', '');
		});
		return { rel: plan.rel, source: lines.join('\n') };
	});
	return [...pages, ...folderIndexes(pages.map((p) => p.rel), new Map(plans.map((p) => [p.rel, p.title])))];
}

/** The page count of one folder: beyond it, a section gets another `part-NN` folder. */
export const PAGES_PER_FOLDER = 40;

/** A home page and a README per folder listing what it holds, as every real docs folder has. */
function folderIndexes(rels: string[], titles: Map<string, string>): CorpusDoc[] {
	const children = new Map<string, Set<string>>();
	for (const rel of rels) {
		let child = rel;
		for (let dir = posix.dirname(rel); ; dir = posix.dirname(dir)) {
			const key = dir === '.' ? '' : dir;
			if (!children.has(key)) children.set(key, new Set());
			children.get(key)!.add(child);
			if (key === '') break;
			child = `${key}/README.mdx`;
		}
	}
	return [...children].sort(([a], [b]) => a.localeCompare(b)).map(([dir, entries]) => {
		const title = dir === '' ? 'Benchmark home' : SECTIONS.find((s) => s.dir === dir)?.label ?? `${posix.dirname(dir)} ${posix.basename(dir)}`;
		const list = [...entries].sort().map((entry) => {
			const target = posix.relative(dir || '.', entry);
			return `- [${titles.get(entry) ?? posix.dirname(entry)}](./${target.replace(/README\.mdx$/, '').replace(/\.mdx$/, '.md')})`;
		});
		const source = ['---', `title: ${title}`, `description: Index of ${dir || 'the benchmark corpus'}.`, `type: ${dir ? 'infrastructure' : 'overview'}`, 'category: operations', 'kind: overview', 'status: current', 'version: 1.0.0', 'tags: [operations]', 'last_updated: 2026-01-02', 'owner: SRE Team', 'review_frequency: yearly', '---', '', `What ${dir || 'the corpus'} holds:`, '', ...list, ''];
		return { rel: dir ? `${dir}/README.mdx` : 'index.mdx', source: source.join('\n') };
	});
}

/** Write the corpus under `dir` (created); returns the written paths from `dir`. */
export function writeCorpus(dir: string, options: CorpusOptions): string[] {
	const corpus = generateCorpus(options);
	for (const doc of corpus) {
		const abs = join(dir, doc.rel);
		mkdirSync(dirname(abs), { recursive: true });
		writeFileSync(abs, doc.source);
	}
	return corpus.map((d) => d.rel);
}
