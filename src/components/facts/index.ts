// The facts components pages import: `import { Image } from '~/components/facts';`
export { default as AlertSeverities } from './AlertSeverities.astro';
export { default as BackupRetention } from './BackupRetention.astro';
export { default as ClusterSpec } from './ClusterSpec.astro';
export { default as ComponentVersions } from './ComponentVersions.astro';
export { default as Environments } from './Environments.astro';
export { default as Image } from './Image.astro';
export { default as Namespaces } from './Namespaces.astro';
export { default as Recovery } from './Recovery.astro';
export { default as RecoveryObjectives } from './RecoveryObjectives.astro';
export { default as Severity } from './Severity.astro';
