/**
 * API versions Kubernetes has stopped serving, with the release that removed them and what replaces
 * them. kubernetes-models keeps the old versions' schemas (apps/v1beta1 still validates), so the
 * removals come from here. Source: the Kubernetes Deprecated API Migration Guide
 * (kubernetes.io/docs/reference/using-api/deprecation-guide/), every removal up to 1.32; no API
 * served by default was removed in 1.33 or 1.34.
 * Written by hand: no installed package carries this table.
 */
export interface RemovedApi {
	apiVersion: string;
	/** The kinds it applies to; `*` for every kind of that version. */
	kinds: readonly string[] | '*';
	/** The Kubernetes minor that stopped serving it, e.g. `1.16`. */
	removedIn: string;
	/** The apiVersion to use instead; null when the kind is gone altogether. */
	replacement: string | null;
	/** What to do instead when there is no replacement. */
	note?: string;
}

export const REMOVED_APIS: readonly RemovedApi[] = [
	{ apiVersion: 'extensions/v1beta1', kinds: ['Deployment', 'DaemonSet', 'ReplicaSet'], removedIn: '1.16', replacement: 'apps/v1' },
	{ apiVersion: 'extensions/v1beta1', kinds: ['NetworkPolicy'], removedIn: '1.16', replacement: 'networking.k8s.io/v1' },
	{ apiVersion: 'extensions/v1beta1', kinds: ['PodSecurityPolicy'], removedIn: '1.16', replacement: null, note: 'PodSecurityPolicy was removed in 1.25; use Pod Security Admission labels on the namespace' },
	{ apiVersion: 'extensions/v1beta1', kinds: ['Ingress'], removedIn: '1.22', replacement: 'networking.k8s.io/v1' },
	{ apiVersion: 'apps/v1beta1', kinds: '*', removedIn: '1.16', replacement: 'apps/v1' },
	{ apiVersion: 'apps/v1beta2', kinds: '*', removedIn: '1.16', replacement: 'apps/v1' },
	{ apiVersion: 'admissionregistration.k8s.io/v1beta1', kinds: '*', removedIn: '1.22', replacement: 'admissionregistration.k8s.io/v1' },
	{ apiVersion: 'apiextensions.k8s.io/v1beta1', kinds: '*', removedIn: '1.22', replacement: 'apiextensions.k8s.io/v1' },
	{ apiVersion: 'apiregistration.k8s.io/v1beta1', kinds: '*', removedIn: '1.22', replacement: 'apiregistration.k8s.io/v1' },
	{ apiVersion: 'authentication.k8s.io/v1beta1', kinds: '*', removedIn: '1.22', replacement: 'authentication.k8s.io/v1' },
	{ apiVersion: 'authorization.k8s.io/v1beta1', kinds: '*', removedIn: '1.22', replacement: 'authorization.k8s.io/v1' },
	{ apiVersion: 'certificates.k8s.io/v1beta1', kinds: '*', removedIn: '1.22', replacement: 'certificates.k8s.io/v1' },
	{ apiVersion: 'coordination.k8s.io/v1beta1', kinds: '*', removedIn: '1.22', replacement: 'coordination.k8s.io/v1' },
	{ apiVersion: 'networking.k8s.io/v1beta1', kinds: ['Ingress', 'IngressClass'], removedIn: '1.22', replacement: 'networking.k8s.io/v1' },
	{ apiVersion: 'rbac.authorization.k8s.io/v1beta1', kinds: '*', removedIn: '1.22', replacement: 'rbac.authorization.k8s.io/v1' },
	{ apiVersion: 'scheduling.k8s.io/v1beta1', kinds: '*', removedIn: '1.22', replacement: 'scheduling.k8s.io/v1' },
	{ apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'], removedIn: '1.22', replacement: 'storage.k8s.io/v1' },
	{ apiVersion: 'batch/v1beta1', kinds: ['CronJob'], removedIn: '1.25', replacement: 'batch/v1' },
	{ apiVersion: 'discovery.k8s.io/v1beta1', kinds: ['EndpointSlice'], removedIn: '1.25', replacement: 'discovery.k8s.io/v1' },
	{ apiVersion: 'events.k8s.io/v1beta1', kinds: ['Event'], removedIn: '1.25', replacement: 'events.k8s.io/v1' },
	{ apiVersion: 'autoscaling/v2beta1', kinds: ['HorizontalPodAutoscaler'], removedIn: '1.25', replacement: 'autoscaling/v2' },
	{ apiVersion: 'policy/v1beta1', kinds: ['PodDisruptionBudget'], removedIn: '1.25', replacement: 'policy/v1' },
	{ apiVersion: 'policy/v1beta1', kinds: ['PodSecurityPolicy'], removedIn: '1.25', replacement: null, note: 'use Pod Security Admission labels on the namespace' },
	{ apiVersion: 'node.k8s.io/v1beta1', kinds: ['RuntimeClass'], removedIn: '1.25', replacement: 'node.k8s.io/v1' },
	{ apiVersion: 'autoscaling/v2beta2', kinds: ['HorizontalPodAutoscaler'], removedIn: '1.26', replacement: 'autoscaling/v2' },
	{ apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta1', kinds: '*', removedIn: '1.26', replacement: 'flowcontrol.apiserver.k8s.io/v1' },
	{ apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIStorageCapacity'], removedIn: '1.27', replacement: 'storage.k8s.io/v1' },
	{ apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', kinds: '*', removedIn: '1.29', replacement: 'flowcontrol.apiserver.k8s.io/v1' },
	{ apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', kinds: '*', removedIn: '1.32', replacement: 'flowcontrol.apiserver.k8s.io/v1' },
];

const minor = (version: string) => Number(version.split('.')[1] ?? 0);

/** The removal that applies to this apiVersion and kind on a cluster of `target` (e.g. `1.34`), if any. */
export function removedApi(apiVersion: string, kind: string, target: string): RemovedApi | undefined {
	return REMOVED_APIS.find((r) => r.apiVersion === apiVersion && (r.kinds === '*' || r.kinds.includes(kind)) && minor(r.removedIn) <= minor(target));
}
