/**
 * The search's relaxed query (src/lib/search-relax.ts) over a made-up index whose pages hold known
 * words, scored as Pagefind does in kind (a sum over the query's words a page holds, pages missing a
 * word left out), and the pasted-error rewriting (src/lib/search-query.ts).
 */
import { describe, expect, it } from 'vitest';
import { MARGIN, relaxQuery, type ScoreSearch } from '../../src/lib/search-relax.ts';
import { makeQueryRewriter } from '../../src/lib/search-query.ts';
import { groupSubResults, sectionEvidence } from '../../src/lib/search-results.ts';
import { SYMPTOM_WEIGHT, weighSymptoms } from '../../src/lib/search-symptoms.ts';

/** Pages as word → weight; a query finds the pages holding every word, best score first. */
function index(pages: Array<Record<string, number>>) {
	const searched: string[] = [];
	const search: ScoreSearch = async (query) => {
		searched.push(query);
		const words = query.split(' ');
		return pages
			.map((p, i) => [p, i] as const)
			.filter(([p]) => words.every((w) => w in p))
			.map(([p, i]) => ({ id: `page-${i}`, score: words.reduce((n, w) => n + p[w]!, 0) }))
			.sort((a, b) => b.score - a.score);
	};
	return { search, searched };
}

describe('relaxed search query', () => {
	it('drops the one word the answering page lacks when it matches the rest far better', async () => {
		// The page about issuing kubeconfigs says "issue", not "give"; another mentions all four in passing.
		const { search } = index([
			{ give: 1, new: 1, engineer: 1, kubeconfig: 1 },
			{ new: 2, engineer: 3, kubeconfig: 10 },
		]);
		expect(await relaxQuery('give new engineer kubeconfig', search)).toBe('new engineer kubeconfig');
	});

	// Sixth round: "tail logs pod loki" became "logs pod loki" because the same first page scored
	// higher without "tail" (a shorter query covers more of its fields); the page quoting the tail
	// command fell below pages about running Loki.
	it('keeps a word when the page that wins without it is the one that already won with it', async () => {
		// Pagefind's metadata bonus grows as the query shrinks (coverage²), so one page can score more
		// without a word than with it: the sum-of-words index above cannot show that, so the scores are given.
		const scores: Record<string, Array<{ id: string; score: number }>> = {
			'tail logs pod loki': [{ id: 'manifests', score: 9.4 }, { id: 'commands', score: 7.9 }],
			'logs pod loki': [{ id: 'manifests', score: 15.4 }, { id: 'commands', score: 10.6 }],
		};
		const search: ScoreSearch = async (q) => scores[q] ?? [];
		expect(await relaxQuery('tail logs pod loki', search)).toBe('tail logs pod loki');
		// Another page winning without the word still replaces the query, as before.
		scores['logs pod loki'] = [{ id: 'monitoring', score: 15.4 }, { id: 'manifests', score: 12 }];
		expect(await relaxQuery('tail logs pod loki', search)).toBe('logs pod loki');
	});

	it('keeps the whole query when the page without a word only ties', async () => {
		const { search } = index([
			{ pgbouncer: 10, pool: 10, exhausted: 10 },
			{ pgbouncer: 15, pool: 15 * MARGIN },
		]);
		// 30 + 18 = 33 for the page without "exhausted", against 30: not 1.2 times better.
		expect(await relaxQuery('pgbouncer pool exhausted', search)).toBe('pgbouncer pool exhausted');
	});

	it('relaxes a query however many pages hold every word, when a page without one matches far better', async () => {
		// "node goes notready": five pages say all three words in passing; the one about a NotReady node does not say "goes".
		const pages = Array.from({ length: 5 }, () => ({ node: 1, goes: 1, notready: 1 }));
		const { search } = index([...pages, { node: 10, notready: 10 }]);
		expect(await relaxQuery('node goes notready', search)).toBe('node notready');
	});

	it('keeps a query many pages answer when no page without a word does far better', async () => {
		const pages = Array.from({ length: 5 }, () => ({ rotate: 10, vault: 10, token: 10 }));
		const { search } = index([...pages, { rotate: 15, vault: 15 }]);
		expect(await relaxQuery('rotate vault token', search)).toBe('rotate vault token');
	});

	it('drops a further word only when that again scores far better', async () => {
		// "terraform plan shows changes nobody made": a page lacks "nobody" and wins; a general page
		// holding only "terraform plan" lacks three words, one more than is ever dropped.
		const { search } = index([
			{ terraform: 3, plan: 3, changes: 3, made: 3 },
			{ terraform: 1, plan: 1, changes: 1, made: 1, nobody: 1 },
			{ terraform: 100, plan: 100 },
		]);
		expect(await relaxQuery('terraform plan changes nobody made', search)).toBe('terraform plan changes made');
	});

	it('drops a second word when that scores far better again', async () => {
		const { search } = index([
			{ a: 1, b: 1, c: 1, d: 1 },
			{ a: 5, b: 5, c: 5 },
			{ a: 20, b: 20 },
		]);
		expect(await relaxQuery('a b c d', search)).toBe('a b');
	});

	it('drops two words where no single drop pays', async () => {
		const { search } = index([
			{ a: 1, b: 1, c: 1, d: 1 },
			{ a: 10, b: 10 },
		]);
		// 20 / 1.2² ≈ 13.9 against 4 for the page holding all four; no query of three words finds it.
		expect(await relaxQuery('a b c d', search)).toBe('a b');
	});

	it('never drops a word copied as an identifier while the query finds something', async () => {
		// "url-lost renamed page": only the standards page holds url-lost; a Terraform page that renames
		// resources scores far higher on "renamed" alone, but the identifier is the surest word.
		const { search, searched } = index([
			{ 'url-lost': 1, renamed: 1, page: 1 },
			{ renamed: 50, page: 1 },
			{ renamed: 60 },
		]);
		expect(await relaxQuery('url-lost renamed page', search)).toBe('url-lost renamed page');
		expect(searched.filter((q) => !q.includes('url-lost'))).toEqual([]);
	});

	it('drops an identifier when nothing holds the query with it', async () => {
		const { search } = index([{ vault: 5 }]);
		expect(await relaxQuery('vault zz-9', search)).toBe('vault');
	});

	// Held-out 8: a pasted message carries values of the reader's own (addresses, ports, counts, names)
	// that no page holds, so no query two words short finds anything, and a long one has too many
	// three-word drops to try. The page holding most of the message's rarer words answers it.
	it('answers a long paste that nothing holds even two words short with the words of the page holding most of its rare words', async () => {
		const { search } = index([
			// The Pending section: quotes the scheduler's message.
			{ failedscheduling: 2, nodes: 1, available: 1, insufficient: 3, memory: 2, preemption: 4, victims: 4, found: 1, incoming: 2, pod: 1 },
			// Pages sharing only the message's common words.
			{ nodes: 5, available: 5, pod: 5, found: 5 },
			{ memory: 9, pod: 9, nodes: 2 },
		]);
		const paste = 'failedscheduling 0/4 nodes available 4 insufficient memory preemption 0/4 nodes available 4 no preemption victims found incoming pod 10.42.0.8 x3kq 48213';
		const relaxed = await relaxQuery(paste, search);
		expect(relaxed).toBe('failedscheduling nodes available insufficient memory preemption nodes available preemption victims found incoming pod');
		expect((await search(relaxed))[0]!.id).toBe('page-0');
	});

	it('leaves a query that no page holds any word of as it is', async () => {
		const { search } = index([{ vault: 1 }]);
		const paste = 'q1 q2 q3 q4 q5 q6 q7 q8 q9 q10 q11 q12 q13 q14 q15 q16 q17 q18';
		expect(await relaxQuery(paste, search)).toBe(paste);
	});

	it('keeps a query the best page quotes word for word, however much better a shorter one scores', async () => {
		const { search } = index([
			{ error: 1, acquiring: 1, state: 1, lock: 1 },
			{ error: 30, state: 30, lock: 30 },
		]);
		expect(await relaxQuery('error acquiring state lock', search)).toBe('error state lock');
		expect(await relaxQuery('error acquiring state lock', search, async (q) => q === 'error acquiring state lock')).toBe('error acquiring state lock');
	});

	it('takes the page quoting a pasted message but for one word over a page holding all its words apart', async () => {
		// `no matches for kind "ServiceMonitor" in version "monitoring.coreos.com/v1"`: a manifest page holds
		// every word (its apiVersion), the runbook quotes the message without the `v1`.
		const { search } = index([
			{ no: 1, matches: 1, kind: 2, servicemonitor: 5, 'monitoring.coreos.com': 3, v1: 3 },
			{ no: 2, matches: 2, kind: 2, servicemonitor: 3, 'monitoring.coreos.com': 1 },
		]);
		const message = 'no matches kind servicemonitor monitoring.coreos.com v1';
		const quotes = async (q: string) => q === 'no matches kind servicemonitor monitoring.coreos.com';
		expect(await relaxQuery(message, search)).toBe(message);
		expect(await relaxQuery(message, search, quotes)).toBe('no matches kind servicemonitor monitoring.coreos.com');
		// Not for a query no longer than a quote: one word dropped would leave too few to quote.
		expect(await relaxQuery('no matches kind servicemonitor', search, async (q) => q === 'no matches kind')).toBe('no matches kind servicemonitor');
	});

	it('keeps dropping while nothing at all is found, down to one word', async () => {
		const { search } = index([{ vault: 5 }, { kafka: 1 }]);
		expect(await relaxQuery('vault zzz yyy', search)).toBe('vault');
		expect(await relaxQuery('qqq', search)).toBe('qqq');
	});
});

describe('pasted error lines', () => {
	const rewrite = makeQueryRewriter({ words: ['unknownhostexception', 'service', 'name', 'neotool', 'local'] });

	it('searches a JVM class by its name, not its package', () => {
		expect(rewrite('java.net.UnknownHostException service name')).toBe('unknownhostexception service name');
		expect(rewrite('org.postgresql.util.PSQLException')).toBe('psqlexception');
	});

	it("drops a question's frame: modal verbs, wh-words and pronouns", () => {
		expect(makeQueryRewriter(null)('when should I write an ADR')).toBe('write adr');
		expect(makeQueryRewriter(null)('who owns a page and when is it due for review')).toBe('owns page due review');
	});

	it('keeps host names and lower-case dotted words whole', () => {
		expect(rewrite('pgbouncer.neotool-data.svc.cluster.local')).toBe('pgbouncer.neotool-data.svc.cluster.local');
	});
});

describe('sections shown under a result', () => {
	// Word positions as Pagefind counts them: the page's text split at white space.
	const content = 'Recovery objectives. RPO and RTO: Database (PostgreSQL) 5 minutes. Backup. PostgreSQL PostgreSQL PostgreSQL backups PostgreSQL. Steps. Restore postgres.';
	const words = content.split(' ');
	const section = (url: string, tokens: string[]) => {
		const locations = words.flatMap((w, i) => (tokens.includes(w) ? [i] : []));
		return { url, locations, weighted_locations: locations.map(() => ({ weight: 1 })) };
	};
	const objectives = section('/dr/#recovery-objectives', ['RPO', 'RTO:', '(PostgreSQL)']);
	const backup = section('/dr/#backup', ['PostgreSQL', 'PostgreSQL.']);
	const steps = section('/dr/#steps', ['postgres.']);

	it('counts the query words a section holds, each once, by stem', () => {
		const held = (s: Parameters<ReturnType<typeof sectionEvidence>["held"]>[0]) => sectionEvidence(content, "rpo rto postgres").held(s).size;
		expect(held(objectives)).toBe(3);
		expect(held(backup)).toBe(1);
		expect(held(steps)).toBe(1);
	});

	it('shows the sections holding most of the query before those repeating one word', () => {
		// Backup has more hits (four) than Recovery objectives (three words, once each): by hits alone,
		// it is the one section shown.
		const subs = [objectives, backup, steps, section('/dr/#rollback', ['backups'])];
		expect(groupSubResults('/dr/', subs, 1).map((s) => s.url)).toEqual(['/dr/#backup']);
		expect(groupSubResults('/dr/', subs, 1, sectionEvidence(content, 'rpo rto postgres')).map((s) => s.url)).toEqual(['/dr/#recovery-objectives']);
	});
});

describe('sections chosen by what they hold of the query', () => {
	// "HikariPool-1 - Connection is not available, request timed out" as the dialog searches it.
	const content = 'The connection path. Symptoms: HikariPool-1 - Connection is not available, request timed out after 30000ms. Too many connections. FATAL: sorry. PgBouncer pool exhausted. Services log HikariPool-1 - Connection is not available, request timed out after 30000ms. Is PostgreSQL accepting connections';
	const words = content.split(' ');
	const query = 'hikaripool-1 connection not available request timed out';
	const at = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i).filter((i) => sectionEvidence(content, query).held({ url: "", locations: [i] }).size > 0);
	const heading = (locations: number[], heading: number[]) => locations.map((location) => ({ weight: heading.includes(location) ? 6 : 1, location }));
	const find = (w: string, from = 0) => words.indexOf(w, from);
	const path = { url: '/db/#the-connection-path', locations: at(0, find('Too') - 1), weighted_locations: heading(at(0, find('Too') - 1), [1]) };
	const many = { url: '/db/#too-many-connections', locations: [find('connections.')], weighted_locations: heading([find('connections.')], [find('connections.')]) };
	const pool = { url: '/db/#pgbouncer-pool-exhausted', locations: at(find('PgBouncer'), find('Is') - 1), weighted_locations: heading(at(find('PgBouncer'), find('Is') - 1), []) };
	const accepting = { url: '/db/#is-postgresql-accepting-connections', locations: [words.length - 1], weighted_locations: heading([words.length - 1], [words.length - 1]) };

	it('counts the longest run of query words next to each other, from four up', () => {
		const { quoted } = sectionEvidence(content, query);
		expect(quoted(pool)).toBe(7);
		expect(quoted(many)).toBe(0);
		expect(sectionEvidence(content, 'connection not available').quoted(pool)).toBe(0);
	});

	it('shows the sections quoting a pasted error before those whose heading says one of its words', () => {
		const subs = [path, many, pool, accepting];
		expect(groupSubResults('/db/', subs, 2).map((s) => s.url)).not.toContain(pool.url);
		expect(groupSubResults('/db/', subs, 2, sectionEvidence(content, query)).map((s) => s.url)).toEqual([path.url, pool.url]);
	});

	it('lets a heading rank a section only when it holds two of the words, or the query is one word', () => {
		const text = 'Where pages live. page page. redirect_from. renaming a page fails with url-lost. Runbook sections';
		const w = text.split(' ');
		const sub = (url: string, locations: number[], headed: number[]) => ({ url, locations, weighted_locations: heading(locations, headed) });
		const live = sub('/s/#where-pages-live', [1, 3, 4], [1]);
		const redirect = sub('/s/#redirect_from', [5, 6, 8, 11], []);
		const sections = sub('/s/#runbook-sections', [w.length - 2, w.length - 1], [w.length - 2, w.length - 1]);
		expect(groupSubResults('/s/', [live, redirect, sections], 1, sectionEvidence(text, 'url-lost renamed page')).map((s) => s.url)).toEqual([redirect.url]);
		expect(groupSubResults('/s/', [live, redirect, sections], 1, sectionEvidence(text, 'runbook sections')).map((s) => s.url)).toEqual([sections.url]);
	});

	it('weighs a word by how few of the page’s sections hold it: the one section saying the rare word is shown', () => {
		// "add flowchart runbook" on the standards page: runbook and add are on many sections, flowchart on Diagrams only.
		const text = 'Fields. add a runbook runbook. Runbook sections. a runbook must add. Links. add runbook links. Diagrams. a flowchart';
		const w = text.split(' ');
		const locs = (from: number, to: number, words: string[]) => w.flatMap((x, i) => (i >= from && i <= to && words.some((y) => x.toLowerCase().startsWith(y)) ? [i] : []));
		const sub = (url: string, from: number, to: number) => ({ url, locations: locs(from, to, ['add', 'runbook', 'flowchart']), weighted_locations: locs(from, to, ['add', 'runbook', 'flowchart']).map((location) => ({ weight: 1, location })) });
		const fields = sub('/s/#fields', 0, 4);
		const sections = sub('/s/#runbook-sections', 5, 10);
		const links = sub('/s/#links', 11, 14);
		const diagrams = sub('/s/#diagrams', 15, 17);
		const evidence = sectionEvidence(text, 'add flowchart runbook');
		expect([fields, sections, links, diagrams].map((s) => evidence.held(s).size)).toEqual([2, 2, 2, 1]);
		expect(groupSubResults('/s/', [fields, sections, links, diagrams], 1, evidence).map((s) => s.url)).toEqual([diagrams.url]);
	});
});

describe('symptoms weighted as what readers search', () => {
	it('weighs the first column of a table headed Symptom, and no other table', () => {
		const html = '<h2 id="troubleshooting">Troubleshooting</h2><table><thead><tr><th>Symptom</th><th>Cause</th><th>Fix</th></tr></thead><tbody><tr><td><code>Error acquiring the state lock</code></td><td>CI runs</td><td>Wait</td></tr></tbody></table><table><thead><tr><th>Value</th><th>Meaning</th></tr></thead><tbody><tr><td>draft</td><td>Being written</td></tr></tbody></table>';
		const out = weighSymptoms(html).html;
		expect(out).toContain(`<td data-pagefind-weight="${SYMPTOM_WEIGHT}"><code>Error acquiring the state lock</code></td><td>CI runs</td>`);
		expect(out).toContain('<td>draft</td>');
		expect(out.match(/data-pagefind-weight/g)).toHaveLength(1);
		expect(weighSymptoms('<p>no table</p>').html).toBe('<p>no table</p>');
	});

	it('weighs a paragraph that opens with a bold Symptom label as a Symptom cell, and no other paragraph', () => {
		const html = '<h2 id="crashloopbackoff">CrashLoopBackOff</h2><p><strong>Symptom.</strong> the pod’s events say <code>Back-off restarting failed container</code>.</p><p><strong>Diagnosis.</strong> Read the logs.</p><p>A <strong>Symptom.</strong> mid-sentence</p>';
		const out = weighSymptoms(html).html;
		expect(out).toContain(`<p data-pagefind-weight="${SYMPTOM_WEIGHT}"><strong>Symptom.</strong> the pod’s events say`);
		expect(out.match(/data-pagefind-weight/g)).toHaveLength(1);
	});

	it('gives the page its symptoms as text for the symptoms search field, label left out', () => {
		const html = '<p><strong>Symptom.</strong> the pod’s events say <code>Back-off restarting failed container</code>.</p><table><thead><tr><th>Symptom</th><th>Fix</th></tr></thead><tbody><tr><td><code>Error acquiring the state lock</code></td><td>Wait</td></tr></tbody></table><table><thead><tr><th>Value</th></tr></thead><tbody><tr><td>draft</td></tr></tbody></table>';
		expect(weighSymptoms(html).symptoms).toEqual(['the pod’s events say Back-off restarting failed container.', 'Error acquiring the state lock']);
		expect(weighSymptoms('<p>no symptoms</p>').symptoms).toEqual([]);
	});
});

describe('a heading the query says all of', () => {
	it('names its section even when it is one word of a longer query', () => {
		// "related field frontmatter" on the standards page: ### related is one word of three, while
		// Frontmatter reference and Values hold more of the query in their text.
		const text = 'Frontmatter reference. related field frontmatter field. related. related pages. Values. field related frontmatter field';
		const sub = (url: string, title: string, locations: number[], headed: number[]) => ({ url, title, locations, weighted_locations: locations.map((location) => ({ weight: headed.includes(location) ? 5 : 1, location })) });
		const frontmatter = sub('/s/#frontmatter-reference', 'Frontmatter reference', [0, 2, 3, 4, 5], [0]);
		const related = sub('/s/#related', 'related', [6, 7], [6]);
		const values = sub('/s/#values', 'Values', [10, 11, 12, 13], []);
		const evidence = sectionEvidence(text, 'related field frontmatter');
		expect(evidence.headingIsQuery(related)).toBe(true);
		expect(evidence.headingIsQuery(frontmatter)).toBe(false);
		expect(evidence.headingIsQuery(sub('/s/#where', 'Where pages live', [], []))).toBe(false);
		expect(sectionEvidence('', 'unseal vault').headingIsQuery(sub('/s/#u', '3. Unseal', [], []))).toBe(true);
		expect(groupSubResults('/s/', [frontmatter, related, values], 1, evidence).map((s) => s.url)).toEqual([related.url]);
	});
});
