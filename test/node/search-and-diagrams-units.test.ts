import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { relatedSections } from '../../src/components/related-sections.ts';
import { alertRunbooks } from '../../src/lib/alert-runbooks.ts';
import { cacheFile, diagramKey, withStaticDiagrams } from '../../src/lib/mermaid-svg.ts';
import { editDistance, makeQueryRewriter } from '../../src/lib/search-query.ts';
import { groupSubResults, withoutSearchOnlyMeta } from '../../src/lib/search-results.ts';
import { ownKeywords, searchMeta, withAlertSections } from '../../src/lib/search-signals.ts';
import { alertLabelValues } from '../../src/lib/search-alert-labels.ts';
import { MAX_PHRASES, SEARCH_ONLY_META, searchRanking } from '../../src/lib/search-ranking.ts';
import { classify, type AllowEntry } from '../../scripts/lib/vnu.ts';
import { rankOf } from '../../scripts/search/eval.ts';

describe('search query rewriting', () => {
	const rewrite = makeQueryRewriter({ words: ['kafka', 'consumer', 'lag', 'unseal', 'vault', 'certificate', 'expired', 'kubectl', 'resolve', 'not', 'names', 'service'] });

	it('drops Alertmanager\'s [FIRING:n] / [RESOLVED] prefix from an alert pasted from Slack', () => {
		expect(rewrite('[FIRING:2] KafkaConsumerLag')).toBe('kafkaconsumerlag');
		expect(rewrite('[RESOLVED] vault')).toBe('vault');
		expect(rewrite('[FIRING:1] kafka consumer lag')).toBe('kafka consumer lag');
	});

	it('drops the severity tag of this site\'s Slack title and a log level, however many tags lead', () => {
		// The sre-chat receiver's title is `[{{ .CommonLabels.severity }}] {{ .CommonLabels.alertname }}`.
		expect(rewrite('[P2] kafka consumer lag')).toBe('kafka consumer lag');
		expect(rewrite('[FIRING:1] [P1] vault')).toBe('vault');
		expect(rewrite('[ERROR] kafka: 2 consumer')).toBe('kafka 2 consumer');
		// A bracket further on is the reader's text, not a tag.
		expect(rewrite('vault [unseal]')).toBe('vault unseal');
	});

	it('counts a transposition as one edit', () => {
		expect(editDistance('kafak', 'kafka', 2)).toBe(1);
		expect(editDistance('unseel', 'unseal', 2)).toBe(1);
		expect(editDistance('vault', 'kafka', 1)).toBe(2);
	});

	it('corrects a word no page has to the nearest one a page has', () => {
		expect(rewrite('kafak consumer lag')).toBe('kafka consumer lag');
		expect(rewrite('unseel vault')).toBe('unseal vault');
		expect(rewrite('certifcate expired')).toBe('certificate expired');
	});

	it('leaves a word being typed, short words and words with digits alone', () => {
		expect(rewrite('kubec')).toBe('kubec');
		expect(rewrite('rto')).toBe('rto');
		expect(rewrite('k3s')).toBe('k3s');
	});

	it('drops question words, unless nothing else is left', () => {
		expect(rewrite('service names does not resolve')).toBe('service names not resolve');
		expect(rewrite('how do I')).toBe('how do i');
	});

	it('drops a plain word no page has and nothing corrects, unless nothing else is left', () => {
		expect(rewrite('kafka consumer lag zyxwvut')).toBe('kafka consumer lag');
		expect(rewrite('zyxwvut')).toBe('zyxwvut');
		// Split by the vocabulary, so not judged by it; short words are left to Pagefind.
		expect(rewrite('kafka pg_wal cert-manager k3s')).toBe('kafka pg_wal cert-manager k3s');
		expect(rewrite('kafka pvc')).toBe('kafka pvc');
		// Another form of a site word is Pagefind's to match (it stems): "expiring" for "expired".
		expect(rewrite('certificate expiring')).toBe('certificate expiring');
	});

	it('only drops stop words when it has no vocabulary', () => {
		expect(makeQueryRewriter(null)('how do I unseel vault')).toBe('unseel vault');
	});
});

describe('search result grouping', () => {
	const page = '/ops/x/';
	const sub = (anchor: string, weights: number[]) => ({ url: `${page}#${anchor}`, weighted_locations: weights.map((weight) => ({ weight })) });

	it("makes the title's #_top sub-result the page's root", () => {
		expect(groupSubResults(page, [sub('_top', [7]), sub('steps', [1])]).map((s) => s.url)).toEqual([page, `${page}#steps`]);
	});

	it('keeps the three sections with the most weighted matches, in page order', () => {
		const subs = [sub('_top', [7]), sub('prerequisites', [1, 1, 1, 1]), sub('steps', [1, 1]), sub('unsealing', [6, 1]), sub('rollback', [1]), sub('troubleshooting', [1, 1, 1])];
		expect(groupSubResults(page, subs).map((s) => s.url.split('#')[1] ?? 'root')).toEqual(['root', 'prerequisites', 'unsealing', 'troubleshooting']);
	});

	it('puts sections whose heading matches before longer sections that only mention the words', () => {
		// "rotate jwt signing key" on Authentication: Key rotation's heading (h2, 6) holds two words,
		// Scheduled rotation's (h3, 5) one, Keys in Vault's one; Tokens none, however much body text matches.
		const subs = [sub('_top', [7]), sub('tokens', [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]), sub('keys-in-vault', [6, 1, 1, 1, 1, 1, 1, 1, 1]), sub('key-rotation', [6, 6, 1]), sub('scheduled-rotation', [5, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]), sub('undoing-a-rotation', [5, 1])];
		expect(groupSubResults(page, subs).map((s) => s.url.split('#')[1] ?? 'root')).toEqual(['root', 'keys-in-vault', 'key-rotation', 'scheduled-rotation']);
	});

	it('keeps ranking-only metadata off the result card, and the rest on it', () => {
		const result = { meta: { title: 'T', section: 'Infrastructure', headings: 'Steps', keywords: 'k', alerts: 'A', 'headings-1': 'Steps', 'symptoms-3': 's', description: 'D' } };
		expect(withoutSearchOnlyMeta(result).meta).toEqual({ title: 'T', section: 'Infrastructure' });
	});

	it('finds a section only when it is shown under its page', () => {
		const shown = [{ url: '/a/', sections: ['/a/#one'] }, { url: '/b/', sections: ['/b/#two'] }];
		expect(rankOf('/b/#two', shown)).toBe(2);
		expect(rankOf('/a/#two', shown)).toBeNull();
		expect(rankOf('/a/', shown)).toBe(1);
	});
});

describe('alert names on their runbooks', () => {
	it('reads each rule’s runbook annotation, anchor included, from YAML in the docs', () => {
		const dir = mkdtempSync(join(tmpdir(), 'alerts-'));
		try {
			writeFileSync(
				join(dir, 'rules.md'),
				['# Rules', '', '```yaml', 'groups:', '  - name: g', '    rules:', '      - alert: DiskFull', '        annotations:', '          runbook: ops/disk.md#free-space', '      - alert: NoRunbook', '```', ''].join('\n'),
			);
			expect([...alertRunbooks(dir)]).toEqual([['ops/disk', [{ alert: 'DiskFull', anchor: 'free-space' }]]]);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	// Held-out 8: Slack shows `[P2] BackupStale` and then the rule's summary (the sre-chat receiver's
	// `text`), with the labels filled in; the runbook must hold those words, not only the rule list.
	it('reads each rule’s summary as Slack shows it, less the template’s placeholders', () => {
		const dir = mkdtempSync(join(tmpdir(), 'alerts-'));
		try {
			writeFileSync(
				join(dir, 'rules.md'),
				['# Rules', '', '```yaml', '- alert: BackupStale', '  annotations:', '    summary: "CronJob {{ $labels.cronjob }} has not succeeded recently"', '    runbook: ops/backup.md', '- alert: ErrorRatio', '  annotations:', "    summary: '{{ $labels.app }} error ratio {{ $value | humanizePercentage }} (above 5%)'", '    runbook: ops/errors.md#ratio', '```', ''].join('\n'),
			);
			expect([...alertRunbooks(dir)]).toEqual([
				['ops/backup', [{ alert: 'BackupStale', summary: 'CronJob has not succeeded recently' }]],
				['ops/errors', [{ alert: 'ErrorRatio', anchor: 'ratio', summary: 'error ratio (above 5%)' }]],
			]);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('gives search the section headings, keywords and alerts as metadata fields, leaving empty ones out', () => {
		const headings = [
			{ depth: 1, text: 'Title' },
			{ depth: 2, text: 'Checking the seal state' },
			{ depth: 2, text: 'Steps' },
			{ depth: 3, text: '1. Unseal' },
			{ depth: 4, text: 'A detail' },
			{ depth: 2, text: 'Rollback' },
		];
		// Each field whole, then phrase by phrase (not the alerts: one word each), then the description.
		expect(searchMeta({ headings, keywords: ['vault unseal', 'sealed'], alerts: [], status: 'current', description: 'Unseal and check Vault.' })).toEqual([
			'headings:Checking the seal state · 1. Unseal',
			'keywords:vault unseal · sealed',
			'headings-1:Checking the seal state',
			'headings-2:1. Unseal',
			'keywords-1:vault unseal',
			'keywords-2:sealed',
			'description:Unseal and check Vault.',
		]);
		expect(searchMeta({ headings: [], keywords: [], alerts: ['VaultSealed', 'VaultDown'], status: 'draft' })).toEqual(['alerts:VaultSealed · VaultDown']);
		expect(searchMeta({ headings: [], keywords: [], alerts: [], status: 'current', symptoms: ['Back-off restarting failed container', 'ImagePullBackOff'] })).toEqual([
			'symptoms:Back-off restarting failed container · ImagePullBackOff',
			'symptoms-1:Back-off restarting failed container',
			'symptoms-2:ImagePullBackOff',
		]);
		// Every phrase field is weighted and kept off the card.
		expect(searchRanking.metaWeights).toMatchObject({ 'headings-1': 1, [`keywords-${MAX_PHRASES}`]: 1, 'symptoms-2': 1, description: 1 });
		expect(SEARCH_ONLY_META).toContain(`headings-${MAX_PHRASES}`);
	});

	it('leaves out of the ranking keywords those that are the title of a related page', () => {
		expect(ownKeywords(['maintenance window', 'K3s upgrade', 'postgresql minor upgrade', 'kubectl drain'], ['K3s Upgrade', 'PostgreSQL Minor Upgrade', 'Disaster Recovery'])).toEqual(['maintenance window', 'kubectl drain']);
		expect(ownKeywords(['k3s upgrade'], [])).toEqual(['k3s upgrade']);
	});

	it('reads the label values an alert fires with from its PromQL, positive matchers only', () => {
		expect(alertLabelValues('(time() - kube_cronjob_status_last_successful_time{namespace="neotool-workflows", cronjob=~"pg-backup-full|vault-snapshot"} > 26 * 3600) or (time() - kube_cronjob_status_last_successful_time{cronjob="pg-backup-delta"} > 3 * 3600)')).toEqual(['neotool-workflows', 'pg-backup-full', 'vault-snapshot', 'pg-backup-delta']);
		// Not a value the alert carries: a negative matcher, a regex that is not a list of names.
		expect(alertLabelValues('sum(rate(http_requests_total{status!="200", job=~"app-.*", route="/graphql"}[5m])) > 1')).toEqual([]);
		expect(alertLabelValues('up{job="kafka"} == 0')).toEqual(['kafka']);
	});

	it('gives a deprecated or archived page no ranking metadata', () => {
		for (const status of ['deprecated', 'archived']) expect(searchMeta({ headings: [{ depth: 2, text: 'Restart' }], keywords: ['restart'], alerts: [], status, description: 'Restart.' })).toEqual([]);
	});

	it('puts an anchored alert name right after its section heading, hidden and weighted', () => {
		const html = '<p>a</p><div class="sl-heading-wrapper"><h2 id="free-space">Free space</h2></div><p>b</p>';
		expect(withAlertSections(html, [{ alert: 'DiskFull', anchor: 'free-space' }])).toBe(
			'<p>a</p><div class="sl-heading-wrapper"><h2 id="free-space">Free space</h2><p hidden="" data-pagefind-weight="10">DiskFull</p></div><p>b</p>',
		);
	});

	it('puts the summary after the name, hidden at body weight: the runbook holds what Slack shows, the name alone weighs', () => {
		const html = '<div class="sl-heading-wrapper"><h2 id="free-space">Free space</h2></div>';
		expect(withAlertSections(html, [{ alert: 'DiskFull', anchor: 'free-space', summary: 'Disk on is filling up' }, { alert: 'DiskGone', anchor: 'free-space', summary: 'Disk & node lost' }])).toBe(
			'<div class="sl-heading-wrapper"><h2 id="free-space">Free space</h2><p hidden="" data-pagefind-weight="10">DiskFull · DiskGone</p><p hidden="">Disk on is filling up · Disk &amp; node lost</p></div>',
		);
	});
});

describe('related lists next to a page’s own headings', () => {
	const doc = { id: 'x', url: '/x/', title: 'X', description: '' } as never;
	it('numbers the list heading on when the page has a heading by that id', () => {
		expect(relatedSections([doc], [doc], ['related', 'steps']).map((s) => s.id)).toEqual(['related-1', 'referenced-by']);
		expect(relatedSections([doc], [], []).map((s) => s.id)).toEqual(['related']);
	});
});

describe('diagrams from the render cache', () => {
	const source = 'flowchart LR\n  A --> B';
	it('puts both SVGs and the source in the figure when the cache has them, else leaves it for the client', () => {
		const dir = mkdtempSync(join(tmpdir(), 'mmd-'));
		try {
			const figure = `<figure class="mermaid-diagram" data-mermaid=""><code>${source.replace('>', '&gt;')}\n</code></figure>`;
			expect(withStaticDiagrams(figure, dir)).toEqual({ html: figure, pending: 1, rendered: 0 });
			const key = diagramKey(source);
			writeFileSync(cacheFile(key, dir), JSON.stringify({ light: `<svg id="mmd-${key}-light"></svg>`, dark: `<svg id="mmd-${key}-dark"></svg>`, ms: 1 }));
			const out = withStaticDiagrams(figure + figure, dir);
			expect(out.pending).toBe(0);
			expect(out.html.match(/data-mermaid-static/g)).toHaveLength(2);
			// Two copies of one diagram, four SVGs, four distinct ids.
			expect(new Set(out.html.match(/id="mmd-[^"]+"/g))).toHaveProperty('size', 4);
			expect(out.html).toContain('<details class="mermaid-source-toggle"><summary>Diagram source</summary><code>flowchart LR\n  A --&gt; B</code></details>');
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('puts one SVG in the figure when the cache has one for both themes', () => {
		const dir = mkdtempSync(join(tmpdir(), 'mmd-'));
		try {
			const figure = `<figure class="mermaid-diagram" data-mermaid=""><code>${source.replace('>', '&gt;')}\n</code></figure>`;
			const key = diagramKey(source);
			writeFileSync(cacheFile(key, dir), JSON.stringify({ svg: `<svg id="mmd-${key}"><style>#mmd-${key}{--mmd-0:#333}</style></svg>`, ms: 1 }));
			const out = withStaticDiagrams(figure + figure, dir);
			expect(out).toMatchObject({ pending: 0, rendered: 2 });
			expect(out.html.match(/<svg/g)).toHaveLength(2);
			expect(out.html.match(/<div class="mermaid-svg" data-pagefind-ignore=""><svg id="mmd-[0-9a-f]+-[01]"><style>#mmd-[0-9a-f]+-[01]\{/g)).toHaveLength(2);
			expect(out.html).not.toContain('data-mermaid-theme');
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe('vnu allow-list', () => {
	it('allows a message only in the upstream element it names', () => {
		const dir = mkdtempSync(join(tmpdir(), 'vnu-'));
		try {
			const file = join(dir, 'index.html');
			writeFileSync(file, '<p>\n<script aria-hidden="true">x</script><script aria-hidden="true" src="ours.js"></script>\n');
			const allow: AllowEntry[] = [{ message: '^The “aria-hidden”', element: '^<script aria-hidden="true">', from: 'upstream' }];
			const msg = (col: number) => ({ type: 'error' as const, url: `file:${file}`, message: 'The “aria-hidden” attribute must not be specified on the “script” element.', lastLine: 2, lastColumn: col });
			const result = classify([msg(29), msg(69)], allow, dir);
			expect(result.used).toEqual([1]);
			expect(result.unexpected).toEqual(['index.html:2:0 The “aria-hidden” attribute must not be specified on the “script” element.  «»']);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
