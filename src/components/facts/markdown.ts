/**
 * The facts components as Markdown (mdast), for the agents' Markdown twins. One renderer per
 * component in this folder, reading the same src/data/facts.yaml through the same loaders, so a fact
 * changes in the page and its twin together; test/build/agents-markdown.test.ts compares every
 * table and inline value here with the component's rendered HTML, so a column added to one and not
 * the other fails the tests.
 */
import type { BlockContent, PhrasingContent, Table, TableCell } from 'mdast';
import { componentById, loadFacts } from '../../lib/facts.ts';

export type FactProps = Record<string, string | undefined>;

/** `block` components stand alone between paragraphs (tables, lists); `inline` ones sit in a sentence. */
export type FactRenderer =
	| { display: 'block'; render: (props: FactProps) => BlockContent[] }
	| { display: 'inline'; render: (props: FactProps) => PhrasingContent[] };

const text = (value: string): PhrasingContent => ({ type: 'text', value });
const strong = (value: string): PhrasingContent => ({ type: 'strong', children: [text(value)] });
const code = (value: string): PhrasingContent => ({ type: 'inlineCode', value });

function table(header: string[], rows: PhrasingContent[][]): Table {
	const cell = (children: PhrasingContent[]): TableCell => ({ type: 'tableCell', children });
	return {
		type: 'table',
		align: header.map(() => null),
		children: [{ type: 'tableRow', children: header.map((h) => cell([text(h)])) }, ...rows.map((r) => ({ type: 'tableRow' as const, children: r.map((c) => cell([c])) }))],
	};
}

function required(props: FactProps, name: string, component: string): string {
	const value = props[name];
	if (typeof value !== 'string' || value === '') throw new Error(`Missing attribute \`${name}\` on <${component} />, expected a string such as ${component === 'Image' ? '`of="postgresql"`' : `\`${name}="…"\``}`);
	return value;
}

export const FACT_RENDERERS: Record<string, FactRenderer> = {
	AlertSeverities: {
		display: 'block',
		render: () => [table(['Level', 'Response time', 'Examples'], loadFacts().severities.map((s) => [strong(s.level), text(s.response), text(s.examples)]))],
	},
	BackupRetention: {
		display: 'block',
		render: () => [table(['Tier', 'Kept for'], loadFacts().retention.map((r) => [text(r.tier), text(r.kept)]))],
	},
	ClusterSpec: {
		display: 'block',
		render: () => {
			const { cluster } = loadFacts();
			const item = (label: string, value: string) => ({ type: 'listItem' as const, spread: false, children: [{ type: 'paragraph' as const, children: [strong(`${label}:`), text(` ${value}`)] }] });
			return [{ type: 'list', ordered: false, spread: false, children: [item('Node spec', cluster.node_spec), item('Storage', cluster.storage), item('Deployment', cluster.distribution), item('Security', cluster.secrets)] }];
		},
	},
	ComponentVersions: {
		display: 'block',
		render: () => [table(['Component', 'Image', 'Namespace', 'Role'], loadFacts().components.map((c) => [strong(c.name), code(c.image), code(c.namespace), text(c.role)]))],
	},
	Environments: {
		display: 'block',
		render: () =>
			[table(['Environment', 'Purpose', 'Infrastructure', 'Deploys', 'URL', 'Replicas'], loadFacts().environments.map((e) => [strong(e.name), text(e.purpose), text(e.infrastructure), text(e.deploy), code(e.url), text(e.replicas)]))],
	},
	Image: {
		display: 'inline',
		render: (props) => [code(componentById(required(props, 'of', 'Image')).image)],
	},
	Namespaces: {
		display: 'block',
		render: () => [table(['Namespace', 'Purpose', 'Components'], loadFacts().namespaces.filter((n) => !n.system).map((n) => [code(n.name), text(n.purpose), text(n.components)]))],
	},
	Recovery: {
		display: 'inline',
		render: (props) => {
			const of = required(props, 'of', 'Recovery');
			const field = required(props, 'field', 'Recovery') as 'rto' | 'rpo' | 'backup';
			const row = loadFacts().recovery.find((r) => r.component.toLowerCase() === of.toLowerCase());
			if (!row) throw new Error(`Unknown recovery component \`${of}\` in facts`);
			if (!['rto', 'rpo', 'backup'].includes(field)) throw new Error(`Unexpected field \`${field}\` on <Recovery />, expected rto, rpo or backup`);
			return [text(row[field])];
		},
	},
	RecoveryObjectives: {
		display: 'block',
		render: () => [table(['Component', 'RTO', 'RPO', 'Backup frequency'], loadFacts().recovery.map((r) => [strong(r.component), text(r.rto), text(r.rpo), text(r.backup)]))],
	},
	Severity: {
		display: 'inline',
		render: (props) => {
			const level = required(props, 'level', 'Severity');
			const s = loadFacts().severities.find((x) => x.level === level);
			if (!s) throw new Error(`Unknown severity \`${level}\` in facts`);
			return [strong(s.level), text(` (${s.response})`)];
		},
	},
};
