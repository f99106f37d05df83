import { describe, expect, it } from 'vitest';
import { loadBuiltDocs } from '../../src/lib/agents/dist.ts';
import { createSearch } from '../../src/lib/agents/search.ts';
import { FIXTURE_DIST, SITE_DIST } from '../helpers/paths.ts';

/**
 * Questions an on-call engineer or an agent asks, and the page that answers them: the first hit of
 * search_docs must come from one of the expected pages — the focused page first, then the hub that
 * routes to it, where the docs themselves send the reader either way.
 */
const QUESTIONS: [string, string[]][] = [
	['restore the database from WAL', ['11-infrastructure/disaster-recovery', '11-infrastructure/postgresql-pitr-runbook']],
	['pods stuck in CrashLoopBackOff', ['11-infrastructure/troubleshooting-workloads', '11-infrastructure/troubleshooting-guide']],
	['rotate vault jwt keys', ['11-infrastructure/security-operations', '09-security/authentication']],
	['scale pods horizontally', ['11-infrastructure/scaling-guide']],
	['renew TLS certificate', ['11-infrastructure/maintenance-guide']],
	['install k3s agent node', ['11-infrastructure/k3s-setup', '11-infrastructure/k3s-add-node']],
	['flux reconcile kustomization', ['infra/kubernetes/flux-troubleshooting', 'infra/kubernetes/flux-objects-reference', 'infra/kubernetes']],
	['P0 service down', ['11-infrastructure/incident-response']],
	['view logs with stern', ['11-infrastructure/operations-runbook']],
	['terraform state R2 backend', ['11-infrastructure/terraform-reference', '11-infrastructure/terraform-guide']],
	['PgBouncer connection pool exhausted', ['11-infrastructure/troubleshooting-database', '11-infrastructure/pgbouncer-pool-sizing']],
	['roll back a bad deployment', ['11-infrastructure/k8s-emergency-rollback', '08-workflows/deployment-rollback', 'infra/kubernetes', '11-infrastructure/k8s-deployment-runbook']],
	['alertmanager routing for pages', ['11-infrastructure/alert-routing-runbook', '11-infrastructure/monitoring-setup']],
	['run the stack locally with docker compose', ['01-overview/getting-started']],
	['harden ssh on hostinger vps firewall', ['11-infrastructure/hostinger-setup-guide']],
	['post-mortem template', ['11-infrastructure/incident-communication']],
	['upgrade k3s version', ['11-infrastructure/k3s-upgrade', '11-infrastructure/maintenance-guide']],
	['JVM out of memory OOMKilled', ['11-infrastructure/troubleshooting-memory', '11-infrastructure/troubleshooting-guide']],
	['port forward to postgres', ['11-infrastructure/operations-runbook']],
	['blue green release', ['11-infrastructure/blue-green-switch', '11-infrastructure/deployment-guide']],
	['disaster recovery drill', ['11-infrastructure/disaster-recovery']],
	['frontmatter fields required', ['12-specification-driven-dev/documentation-standards']],
	['why K3s instead of managed kubernetes', ['92-adr/0002-containerized-architecture']],
];

describe('search_docs ranking on the real site', () => {
	const built = loadBuiltDocs(SITE_DIST);
	const { search } = createSearch(built);

	it.each(QUESTIONS)('"%s" → %j first', (query, expected) => {
		const { hits } = search(query, {}, 5);
		expect(expected, hits.map((h) => `${h.chunkId} ${h.score}`).join('\n')).toContain(hits[0]?.docId);
		// The hit points at a section of that page, with its heading path.
		expect(hits[0]!.url.startsWith(built.docs.get(hits[0]!.docId)!.url + '#')).toBe(true);
		expect(hits[0]!.headingPath[0]).toBe(built.docs.get(hits[0]!.docId)!.frontmatter.title);
	});

	it('narrows by category, kind and tags', () => {
		const onlyRunbooks = search('vault', { kind: 'runbook' }, 20).hits;
		expect(onlyRunbooks.length).toBeGreaterThan(0);
		expect(onlyRunbooks.every((h) => h.kind === 'runbook')).toBe(true);
		const dr = search('restore', { category: 'disaster-recovery' }, 20).hits;
		expect(new Set(dr.map((h) => built.docs.get(h.docId)!.frontmatter.category))).toEqual(new Set(['disaster-recovery']));
		const tagged = search('logs', { tags: ['loki'] }, 20).hits;
		expect(tagged.every((h) => (built.docs.get(h.docId)!.frontmatter.tags as string[]).includes('loki'))).toBe(true);
	});
});

describe('search_docs ranking on the fixture site', () => {
	const { search } = createSearch(loadBuiltDocs(FIXTURE_DIST));

	it('finds a page by its search keyword and ranks the runbook above the deprecated guide for a word both use', () => {
		expect(search('zephyrquokka').hits[0]!.docId).toBe('ops/restart-runbook');
		// Both pages have a "restart" section; the deprecated guide's is its only section and its heading.
		const order = [...new Set(search('restart', {}, 20).hits.map((h) => h.docId))];
		expect(order.indexOf('ops/restart-runbook')).toBeLessThan(order.indexOf('guides/old-guide'));
	});

	it('pages through the same ranking', () => {
		const all = search('operations', {}, 20).hits.map((h) => h.chunkId);
		const paged = [...search('operations', {}, 3, 0).hits, ...search('operations', {}, 3, 3).hits].map((h) => h.chunkId);
		expect(paged).toEqual(all.slice(0, 6));
	});
});
