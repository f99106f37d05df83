/**
 * deploy/kubernetes/: validated by the project's own code checks (scripts/check/code: kubernetes-models
 * and @kubernetes-models/* schemas for the facts' Kubernetes version, unknown fields, namespaces and
 * images against src/data/facts.yaml), then held to what issue 17 asks of a NeoTool service.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { verifyBlock } from '../../scripts/check/code/verify.ts';
import { loadFacts } from '../../src/lib/facts.ts';
import { ROOT } from '../helpers/paths.ts';

const DIR = join(ROOT, 'deploy/kubernetes');
const facts = loadFacts(join(ROOT, 'src/data/facts.yaml'));
const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();
type Manifest = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; annotations?: Record<string, string> }; spec?: any };
const manifests: Manifest[] = files.flatMap((f) => parseAllDocuments(readFileSync(join(DIR, f), 'utf8')).map((d) => d.toJS() as Manifest));
const find = (kind: string, apiVersion?: string) => {
	const found = manifests.filter((m) => m.kind === kind && (!apiVersion || m.apiVersion === apiVersion));
	expect(found, `${kind} in deploy/kubernetes`).toHaveLength(1);
	return found[0]!;
};

describe('deploy/kubernetes manifests', () => {
	it.each(files)('%s passes the code check (schemas, unknown fields, facts)', async (file) => {
		expect(await verifyBlock('yaml', 'yaml', readFileSync(join(DIR, file), 'utf8'), [], facts)).toEqual([]);
	});

	it('the same check refuses a broken copy (so the pass above means something)', async () => {
		const broken = readFileSync(join(DIR, 'deployment.yaml'), 'utf8').replace('replicas: 2', 'replica: 2').replace(/namespace: neotool-docs/, 'namespace: neotool-doc');
		const problems = await verifyBlock('yaml', 'yaml', broken, [], facts);
		expect(problems.map((p) => p.rule).sort()).toEqual(['code-k8s', 'facts-namespace']);
		expect(problems.find((p) => p.rule === 'code-k8s')!.message).toContain('replica');
	});

	it('runs in the docs namespace from the facts', () => {
		const namespace = facts.namespaces.find((n) => n.name === 'neotool-docs');
		expect(namespace?.purpose).toBe('Operations documentation site');
		for (const m of manifests.filter((m) => !['Namespace', 'Kustomization'].includes(m.kind))) expect(m.metadata.namespace, `${m.kind}/${m.metadata.name}`).toBe('neotool-docs');
		expect(find('Namespace').metadata.name).toBe('neotool-docs');
	});

	it('Deployment: ≥ 2 replicas, probes, limits, non-root with a read-only root filesystem', () => {
		const spec = find('Deployment').spec;
		expect(spec.replicas).toBeGreaterThanOrEqual(2);
		expect(spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
		const pod = spec.template.spec;
		expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 10001 });
		const [container] = pod.containers;
		expect(container.readinessProbe.httpGet).toEqual({ path: '/', port: 'http' });
		expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
		expect(container.resources.limits).toEqual({ cpu: '500m', memory: '128Mi' });
		expect(container.securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
		// nginx writes only under /tmp (deploy/nginx/nginx.conf): that is the one writable mount.
		expect(container.volumeMounts).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
		const nginxConf = readFileSync(join(ROOT, 'deploy/nginx/nginx.conf'), 'utf8');
		for (const [, path] of nginxConf.matchAll(/^\s*(?:pid|\w+_temp_path)\s+(\S+);/gm)) expect(path).toMatch(/^\/tmp\//);
		expect(readFileSync(join(ROOT, 'deploy/Dockerfile'), 'utf8')).toMatch(/^USER 10001:10001$/m);
		expect(readFileSync(join(ROOT, 'deploy/nginx/docs.conf'), 'utf8')).toMatch(/^\s*listen 8080;$/m);
	});

	it('PodDisruptionBudget and Service select the Deployment\'s pods', () => {
		const labels = find('Deployment').spec.template.metadata.labels;
		expect(find('PodDisruptionBudget').spec).toEqual({ minAvailable: 1, selector: { matchLabels: { 'app.kubernetes.io/name': labels['app.kubernetes.io/name'] } } });
		expect(find('Service').spec.selector).toEqual({ 'app.kubernetes.io/name': labels['app.kubernetes.io/name'] });
	});

	it('Traefik ingress with TLS from cert-manager', () => {
		const ingress = find('Ingress');
		expect(ingress.spec.ingressClassName).toBe('traefik');
		expect(ingress.metadata.annotations!['cert-manager.io/cluster-issuer']).toBe('letsencrypt-production');
		// The mirror's own name (ADR 0005): docs.neotool.io points at Cloudflare Pages, where an HTTP-01
		// challenge for it could never reach the cluster.
		expect(ingress.spec.tls).toEqual([{ hosts: ['docs-mirror.neotool.io'], secretName: 'docs-mirror-neotool-io-tls' }]);
		expect((ingress.spec.rules as { host: string }[]).map((rule) => rule.host)).toEqual(['docs-mirror.neotool.io']);
		expect(find('Middleware', 'traefik.io/v1alpha1').spec.headers.stsSeconds).toBe(31536000);
	});

	it('a Flux Kustomization applies the folder, waiting for the Deployment', () => {
		const flux = find('Kustomization', 'kustomize.toolkit.fluxcd.io/v1');
		expect(flux.spec).toMatchObject({ path: './deploy/kubernetes', prune: true, wait: true, sourceRef: { kind: 'GitRepository', name: 'flux-system' } });
		const kustomize = find('Kustomization', 'kustomize.config.k8s.io/v1beta1');
		expect([...(kustomize as unknown as { resources: string[] }).resources].sort()).toEqual(files.filter((f) => !['kustomization.yaml', 'flux-kustomization.yaml'].includes(f)));
	});
});
