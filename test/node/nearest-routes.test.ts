import { describe, expect, it } from 'vitest';
import { nearestRoutes, wordsOfPath, type Route } from '../../src/lib/nearest-routes.ts';

const routes: Route[] = [
	{ url: '/11-infrastructure/postgresql-pitr-runbook/', title: 'PostgreSQL Point-in-Time Recovery' },
	{ url: '/11-infrastructure/postgresql-disk-full/', title: 'PostgreSQL Volume or pg_wal Filling Up' },
	{ url: '/11-infrastructure/incident-response/', title: 'Incident Response' },
	{ url: '/11-infrastructure/k8s-emergency-rollback/', title: 'Roll Back a Deployment' },
	{ url: '/08-workflows/deployment-rollback/', title: 'Deployment rollback (moved)', href: '/11-infrastructure/k8s-emergency-rollback/' },
];

describe('nearestRoutes', () => {
	it('finds the runbook behind a mistyped address first', () => {
		expect(nearestRoutes('/11-infrastructure/postgresql-pitr-runbok/', routes)[0]?.url).toBe('/11-infrastructure/postgresql-pitr-runbook/');
	});

	it('finds a page by its last segment under the wrong section, and by part of its name', () => {
		expect(nearestRoutes('/08-workflows/incident-respons/', routes)[0]?.url).toBe('/11-infrastructure/incident-response/');
		expect(nearestRoutes('/pitr-runbook', routes)[0]?.url).toBe('/11-infrastructure/postgresql-pitr-runbook/');
	});

	it('leads an old address to where the page moved, once', () => {
		const near = nearestRoutes('/08-workflows/deployment-rollbak/', routes);
		expect(near[0]?.href).toBe('/11-infrastructure/k8s-emergency-rollback/');
		expect(near.filter((r) => (r.href ?? r.url) === '/11-infrastructure/k8s-emergency-rollback/')).toHaveLength(1);
	});

	it('offers nothing for an address like no page', () => {
		expect(nearestRoutes('/zzzz/qqqq-xxxx/', routes)).toEqual([]);
	});
});

describe('wordsOfPath', () => {
	it('keeps the words, drops number prefixes, extensions and separators', () => {
		expect(wordsOfPath('/11-infrastructure/postgresql-pitr-runbok/')).toBe('infrastructure postgresql pitr runbok');
		expect(wordsOfPath('/11-infrastructure/k3s_setup.html')).toBe('infrastructure k3s setup');
		expect(wordsOfPath('/')).toBe('');
	});
});
