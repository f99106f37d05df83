/**
 * Which alerts each page is the runbook for, read from the alert rules the docs themselves publish
 * (PrometheusRule YAML in code blocks: every rule's `alert` and its `annotations.runbook`). Search
 * indexes those alert names on the runbook page — in the section the rule links to, when it names
 * one (src/lib/search-signals.ts) — so an engineer who pastes the alert name lands on the runbook
 * the alert links to, not on the reference page that lists every rule. A new runbook gets this as
 * soon as a rule names it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Code } from 'mdast';
import { visit } from 'unist-util-visit';
import { parseAllDocuments } from 'yaml';
import { parseDoc } from './markdown.ts';
import { docIdFromPath } from './routes.ts';
import { alertLabelValues } from './search-alert-labels.ts';

/** `11-infrastructure/node-disk-pressure.md#x` → `11-infrastructure/node-disk-pressure` (a doc id, as routes map it: a README is its folder). */
const docIdOfRunbook = (runbook: string) => docIdFromPath(runbook.split('#')[0]!.replace(/^\/+/, ''));

/**
 * A rule's summary as a reader sees it in Slack, less what the template fills in: Go template actions
 * (`{{ $labels.cronjob }}`, `{{ $value | humanizePercentage }}`) become nothing. The values they stand
 * for are the reader's own (a pod, a count), which no page holds; the words around them are the
 * rule's. A template's action cannot contain `}}` outside a string, and summaries quote none.
 */
const summaryWords = (summary: string) => summary.replace(/\{\{.*?\}\}/gs, ' ').replace(/\s+/g, ' ').trim();

type Rule = { alert: string; runbook: string; expr?: string; summary?: string };

function rulesIn(value: unknown, out: Rule[]) {
	if (Array.isArray(value)) for (const v of value) rulesIn(v, out);
	else if (value && typeof value === 'object') {
		const rule = value as { alert?: unknown; expr?: unknown; annotations?: { runbook?: unknown; summary?: unknown } };
		if (typeof rule.alert === 'string' && typeof rule.annotations?.runbook === 'string') {
			const summary = typeof rule.annotations.summary === 'string' ? summaryWords(rule.annotations.summary) : '';
			out.push({ alert: rule.alert, runbook: rule.annotations.runbook, ...(typeof rule.expr === 'string' ? { expr: rule.expr } : {}), ...(summary ? { summary } : {}) });
		}
		for (const v of Object.values(value)) rulesIn(v, out);
	}
}

export interface AlertLink {
	alert: string;
	/** The section the rule links to (`#anchor` of its runbook annotation), if any. */
	anchor?: string;
	/** The label values it fires with, from its `expr` (search-alert-labels.ts), if any. */
	labels?: string[];
	/** Its summary as Slack shows it under the name, placeholders left out (see summaryWords), if any. */
	summary?: string;
}

/** Alerts per doc id, from every YAML block under `docsDir` that holds alert rules. */
export function alertRunbooks(docsDir: string): Map<string, AlertLink[]> {
	const rules: Rule[] = [];
	const walk = (dir: string) => {
		for (const entry of readdirSync(dir, { withFileTypes: true })) {
			const path = join(dir, entry.name);
			if (entry.isDirectory()) walk(path);
			else if (/\.mdx?$/.test(entry.name)) {
				const text = readFileSync(path, 'utf8');
				if (!text.includes('runbook:')) continue;
				visit(parseDoc(text, path.endsWith('.mdx')), 'code', (node: Code) => {
					if (node.lang !== 'yaml' || !/^\s*-?\s*alert:/m.test(node.value)) return;
					for (const doc of parseAllDocuments(node.value)) if (!('errors' in doc && doc.errors.length)) rulesIn(doc.toJS(), rules);
				});
			}
		}
	};
	walk(docsDir);
	const byDoc = new Map<string, AlertLink[]>();
	for (const { alert, runbook, expr, summary } of rules) {
		const id = docIdOfRunbook(runbook);
		const anchor = runbook.split('#')[1] || undefined;
		const list = byDoc.get(id) ?? [];
		const labels = expr ? alertLabelValues(expr) : [];
		if (!list.some((l) => l.alert === alert)) list.push({ alert, ...(anchor ? { anchor } : {}), ...(labels.length > 0 ? { labels } : {}), ...(summary ? { summary } : {}) });
		byDoc.set(id, list);
	}
	return byDoc;
}

let cached: { dir: string; map: Map<string, AlertLink[]> } | undefined;
/** Memoised per docs tree: one read per build. */
export function alertsFor(docsDir: string, docId: string): AlertLink[] {
	if (cached?.dir !== docsDir) cached = { dir: docsDir, map: alertRunbooks(docsDir) };
	return cached.map.get(docId) ?? [];
}
