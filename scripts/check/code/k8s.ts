/**
 * Kubernetes manifests (a YAML document with `apiVersion` and `kind`), validated against the
 * schemas of kubernetes-models (Kubernetes) and @kubernetes-models/* (Flux, Traefik, cert-manager,
 * prometheus-operator) for the cluster version in src/data/facts.yaml (`cluster.kubernetes_version`):
 * - an apiVersion Kubernetes removed (./k8s-removed.ts) names its replacement; one no package
 *   knows for a group the packages cover lists the versions that have the kind;
 * - schema errors (wrong type, missing required field, bad enum value) with the field's path;
 * - unknown fields, with the closest known one. The published schemas do not forbid extra fields
 *   (the API server drops them silently, which is how `replica: 3` deploys one replica), so the
 *   fields a schema knows are taken from the schema's own validator: it reads every property it
 *   declares, and enumerates the keys of a map; a key it never read is not in the schema.
 * Groups no package covers (K3s's helm.cattle.io, kustomize.config.k8s.io, audit.k8s.io) are
 * checked as YAML only.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { closest } from '../../../schemas/suggest.ts';
import { removedApi } from './k8s-removed.ts';

/** The package holding a group's models: the group's suffix → package. */
const PACKAGES: [suffix: string, pkg: string][] = [
	['.fluxcd.io', '@kubernetes-models/flux-cd'],
	['traefik.io', '@kubernetes-models/traefik'],
	['cert-manager.io', '@kubernetes-models/cert-manager'],
	['monitoring.coreos.com', '@kubernetes-models/prometheus-operator'],
];
/** Kubernetes's own groups: the core group, dot-less groups (`apps`) and `*.k8s.io`, except config-file kinds no API server serves. */
const NOT_SERVED = ['audit.k8s.io', 'kustomize.config.k8s.io', 'apiserver.config.k8s.io', 'kubelet.config.k8s.io', 'kubeproxy.config.k8s.io', 'kubescheduler.config.k8s.io', 'kubecontrollermanager.config.k8s.io', 'kubeadm.k8s.io'];
/** Groups that are gone, with where their kinds live now. */
const MOVED_GROUPS: Record<string, string> = { 'traefik.containo.us': 'traefik.io/v1alpha1 (Traefik v3, which K3s ships, dropped traefik.containo.us)' };

function packageOf(group: string): string | undefined {
	if (NOT_SERVED.includes(group)) return undefined;
	if (group === '' || !group.includes('.') || group.endsWith('.k8s.io')) return 'kubernetes-models';
	return PACKAGES.find(([suffix]) => group === suffix || group.endsWith(suffix))?.[1];
}

const roots = new Map<string, string>();
/** The folder a package is installed in, from its resolved entry. */
function rootOf(pkg: string): string {
	let root = roots.get(pkg);
	if (!root) {
		root = dirname(fileURLToPath(import.meta.resolve(pkg)));
		roots.set(pkg, root);
	}
	return root;
}

const list = (dir: string) => {
	try {
		return readdirSync(dir);
	} catch {
		return [];
	}
};

export interface SchemaError {
	/** Path of the offending value (or of the object missing a field). */
	path: (string | number)[];
	/** For unknown fields: the key itself is at fault, not its value. */
	key?: boolean;
	/** A required field is missing (not reported for a patch or an excerpt). */
	required?: boolean;
	message: string;
}

type Validate = (this: unknown) => void;
const models = new Map<string, Promise<Validate | undefined>>();

function model(pkg: string, group: string, version: string, kind: string): Promise<Validate | undefined> {
	const id = `${pkg}/${group ? `${group}/` : ''}${version}/${kind}`;
	let found = models.get(id);
	if (!found) {
		found = import(id).then((m: Record<string, { kind?: string; prototype: { validate: Validate } }>) => {
			const cls = m[kind];
			return cls?.kind === kind ? cls.prototype.validate : undefined;
		});
		models.set(id, found);
	}
	return found;
}

/** How a validator used an object: the keys it read, whether it enumerated them (a map). */
interface Use {
	value: Record<string, unknown>;
	path: (string | number)[];
	read: Set<string>;
	enumerated: boolean;
}

/** The data behind a proxy that records which keys the validator looks at, at every depth. */
function watched(value: unknown, path: (string | number)[], uses: Use[]): unknown {
	if (!value || typeof value !== 'object') return value;
	const isArray = Array.isArray(value);
	const use: Use | undefined = isArray ? undefined : { value: value as Record<string, unknown>, path, read: new Set(), enumerated: false };
	if (use) uses.push(use);
	const children = new Map<PropertyKey, unknown>();
	return new Proxy(value as object, {
		get(target, key) {
			const inner = Reflect.get(target, key);
			if (typeof key !== 'string') return inner;
			use?.read.add(key);
			if (!inner || typeof inner !== 'object') return inner;
			if (!children.has(key)) children.set(key, watched(inner, [...path, isArray ? Number(key) : key], uses));
			return children.get(key);
		},
		has(target, key) {
			if (typeof key === 'string') use?.read.add(key);
			return Reflect.has(target, key);
		},
		ownKeys(target) {
			if (use) use.enumerated = true;
			return Reflect.ownKeys(target);
		},
	});
}

interface AjvError {
	instancePath: string;
	keyword: string;
	params: Record<string, unknown>;
	message?: string;
}

const pathOf = (pointer: string) =>
	pointer
		.split('/')
		.slice(1)
		.map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
		.map((p) => (/^\d+$/.test(p) ? Number(p) : p));
const dotted = (path: (string | number)[]) => path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[') || '(document)';
const valueAt = (data: unknown, path: (string | number)[]) => path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), data);
const shown = (value: unknown) => (typeof value === 'string' ? `string \`${value}\`` : value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'a mapping' : `${typeof value} \`${String(value)}\``);

/**
 * Validates one manifest; `isPlaceholder` tells values a reader fills in (their type is theirs to
 * get right). Returns the errors with their paths; the caller places them in the page.
 */
export async function validateManifest(data: Record<string, unknown>, target: string, isPlaceholder: (value: unknown) => boolean): Promise<SchemaError[]> {
	const apiVersion = String(data.apiVersion);
	const kind = String(data.kind);
	const slash = apiVersion.lastIndexOf('/');
	const group = slash === -1 ? '' : apiVersion.slice(0, slash);
	const version = apiVersion.slice(slash + 1);
	if (MOVED_GROUPS[group]) return [{ path: ['apiVersion'], message: `Unexpected apiVersion \`${apiVersion}\`, expected ${MOVED_GROUPS[group]}` }];
	const removed = removedApi(apiVersion, kind, target);
	if (removed) {
		const instead = removed.replacement ? `expected \`${removed.replacement}\`` : `expected no such manifest: ${removed.note}`;
		return [{ path: ['apiVersion'], message: `Unexpected apiVersion \`${apiVersion}\` for ${kind}: removed in Kubernetes ${removed.removedIn} (the docs target ${target}), ${instead}` }];
	}
	const pkg = packageOf(group);
	if (!pkg) return [];
	const groupDir = join(rootOf(pkg), group);
	const versions = list(groupDir).filter((v) => /^v\d/.test(v));
	if (group && versions.length === 0 && pkg !== 'kubernetes-models') return [];
	if (group && versions.length === 0) return [{ path: ['apiVersion'], message: `Unexpected apiVersion \`${apiVersion}\`, expected a Kubernetes API group${closestGroup(group)}` }];
	const withKind = versions.filter((v) => existsSync(join(groupDir, v, `${kind}.js`)));
	if (!versions.includes(version) || !existsSync(join(groupDir, version, `${kind}.js`))) {
		if (withKind.length) {
			const usable = withKind.filter((v) => !removedApi(`${group ? `${group}/` : ''}${v}`, kind, target));
			const names = (usable.length ? usable : withKind).map((v) => `\`${group ? `${group}/` : ''}${v}\``);
			return [{ path: ['apiVersion'], message: `Unexpected apiVersion \`${apiVersion}\` for ${kind}, expected ${names.join(' or ')}` }];
		}
		const kinds = versions.includes(version) ? list(join(groupDir, version)).filter((f) => f.endsWith('.js') && f !== 'index.js').map((f) => f.slice(0, -3)) : [];
		const hint = closest(kind, kinds);
		return [{ path: ['kind'], message: `Unexpected kind \`${kind}\` for \`${apiVersion}\`, expected a kind that API version serves${hint ? ` (did you mean \`${hint}\`?)` : ''}` }];
	}
	const validate = await model(pkg, group, version, kind);
	if (!validate) return [{ path: ['kind'], message: `Unexpected kind \`${kind}\` for \`${apiVersion}\`, expected a kind that API version serves` }];

	const uses: Use[] = [];
	let errors: AjvError[] = [];
	try {
		validate.call(watched(data, [], uses));
	} catch (error) {
		errors = ((error as { errors?: AjvError[] }).errors ?? []).slice();
	}
	const out: SchemaError[] = [];
	const seen = new Set<string>();
	for (const e of errors) {
		const path = pathOf(e.instancePath);
		const value = valueAt(data, path);
		if (isPlaceholder(value)) continue;
		// int-or-string and similar alternatives report once per branch: one finding per place.
		const key = dotted(path);
		const slot = e.keyword === 'required' ? `${key}\0${String(e.params.missingProperty)}` : key;
		if (seen.has(slot)) continue;
		seen.add(slot);
		if (e.keyword === 'required') out.push({ path, required: true, message: `Missing required field \`${String(e.params.missingProperty)}\` in \`${key}\` of ${kind}, expected it (${apiVersion} schema)` });
		else if (e.keyword === 'type') out.push({ path, message: `Unexpected ${shown(value)} at \`${key}\` of ${kind}, expected ${String(e.params.type)}` });
		else if (e.keyword === 'enum') out.push({ path, message: `Unexpected ${shown(value)} at \`${key}\` of ${kind}, expected one of ${(e.params.allowedValues as unknown[]).map((v) => `\`${String(v)}\``).join(', ')}` });
		else if (e.keyword === 'additionalProperties') out.push({ path: [...path, String(e.params.additionalProperty)], key: true, message: `Unexpected field \`${String(e.params.additionalProperty)}\` in \`${key}\` of ${kind}, expected a field of its schema` });
		else out.push({ path, message: `Unexpected ${shown(value)} at \`${key}\` of ${kind}, expected a value that ${e.message ?? e.keyword} (${apiVersion} schema)` });
	}
	for (const use of uses) {
		// A map (its keys enumerated) or a free-form object (nothing read, e.g. a HelmRelease's values).
		if (use.enumerated || use.read.size === 0) continue;
		for (const field of Object.keys(use.value)) {
			if (use.read.has(field)) continue;
			const hint = closest(field, [...use.read].filter((k) => !(k in use.value)));
			out.push({ path: [...use.path, field], key: true, message: `Unexpected field \`${field}\` in \`${dotted(use.path)}\` of ${kind}, expected a field of its ${apiVersion} schema${hint ? ` (did you mean \`${hint}\`?)` : ''}` });
		}
	}
	return out;
}

function closestGroup(group: string): string {
	const groups = list(rootOf('kubernetes-models')).filter((g) => g.includes('.') || g === 'apps' || g === 'batch' || g === 'policy' || g === 'autoscaling');
	const hint = closest(group, groups);
	return hint ? ` (did you mean \`${hint}\`?)` : '';
}
