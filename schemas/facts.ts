/**
 * Shape of src/data/facts.yaml, the platform facts (versions, namespaces, environments, RTO/RPO,
 * retention, severities) that pages render through components instead of restating them.
 */
import { z } from 'astro/zod';

const text = (what: string) => z.string().min(1).describe(what);

export const componentFactSchema = z
	.object({
		id: z.string().regex(/^[a-z0-9-]+$/).describe('Stable key used by `<Image of="…" />`, e.g. `postgresql`.'),
		name: text('Display name, e.g. `PostgreSQL`.'),
		image: z
			.string()
			.regex(/^[a-z0-9./-]+:[A-Za-z0-9._-]+$/, { error: (iss) => `Unexpected image \`${String(iss.input)}\`, expected repository:tag such as \`postgres:18rc1\`` })
			.refine((image) => !image.endsWith(':latest'), { error: (iss) => `Unexpected floating tag in \`${String(iss.input)}\`, expected a pinned version (see ADR 0003)` })
			.describe('Pinned container image, repository:tag. `:latest` is rejected: every component is pinned.'),
		role: text('What the component does for NeoTool.'),
		namespace: text('Kubernetes namespace it runs in; must be one of `namespaces`.'),
	})
	.describe('One infrastructure component and its pinned image.');

export const namespaceFactSchema = z.object({
	name: z.string().regex(/^[a-z0-9-]+$/).describe('Namespace name as used with `kubectl -n`.'),
	purpose: text('What lives there.'),
	components: text('Workloads in the namespace.'),
	system: z.boolean().default(false).describe('True for namespaces NeoTool does not own (Flux, K3s); hidden from the NeoTool namespace table but valid in commands.'),
});

export const environmentFactSchema = z.object({
	name: text('Environment name.'),
	purpose: text('What it is for.'),
	infrastructure: text('What it runs on.'),
	deploy: text('How changes reach it.'),
	url: text('Where users reach it.'),
	replicas: text('Replica count per service.'),
});

export const recoveryFactSchema = z.object({
	component: text('What is recovered.'),
	rto: text('Recovery time objective.'),
	rpo: text('Recovery point objective.'),
	backup: text('Backup frequency.'),
});

export const retentionFactSchema = z.object({ tier: text('Backup tier.'), kept: text('How long it is kept.') });

export const severityFactSchema = z.object({
	level: z.string().regex(/^P[0-9]$/).describe('Severity level, P0 (worst) to P3.'),
	response: text('Time to first response.'),
	examples: text('Typical triggers.'),
});

export const factsSchema = z
	.object({
		components: z.array(componentFactSchema).min(1),
		namespaces: z.array(namespaceFactSchema).min(1),
		environments: z.array(environmentFactSchema).min(1),
		recovery: z.array(recoveryFactSchema).min(1),
		retention: z.array(retentionFactSchema).min(1),
		severities: z.array(severityFactSchema).min(1),
		cluster: z.object({
			node_spec: text('Node size.'),
			storage: text('Object storage.'),
			distribution: text('Kubernetes distribution.'),
			secrets: text('Secrets backend.'),
			kubernetes_version: z
				.string()
				.regex(/^1\.\d+$/, { error: (iss) => `Unexpected Kubernetes version \`${String(iss.input)}\`, expected a minor version such as \`1.34\`` })
				.describe('Kubernetes minor version the K3s clusters run (K3s release v<this>.x+k3sN). Manifests in the docs are validated against it: an API removed by this version is an error.'),
		}),
		cli_versions: z
			.record(z.string().regex(/^[a-z0-9][a-z0-9._-]*$/), z.string().regex(/^v?\d+(\.\d+){0,2}$/, { error: (iss) => `Unexpected CLI version \`${String(iss.input)}\`, expected a version such as \`2.7\` or \`v3.10\`` }))
			.describe('Versions of the CLIs the runbooks use whose command trees the project writes itself (scripts/check/code/cli-specs/, one file per CLI citing this version): the check verifies command lines against them.'),
	})
	.superRefine((facts, ctx) => {
		const names = new Set(facts.namespaces.map((n) => n.name));
		facts.components.forEach((c, i) => {
			if (!names.has(c.namespace)) {
				ctx.addIssue({ code: 'custom', path: ['components', i, 'namespace'], message: `Unexpected namespace \`${c.namespace}\`, expected one listed under \`namespaces\`` });
			}
		});
	});

export type Facts = z.output<typeof factsSchema>;
