/** The docs' top-level sections, in reading order: the sidebar, the home page and llms.txt use this list. */
export const SECTIONS = [
	{ dir: '11-infrastructure', label: 'Infrastructure & Operations' },
	{ dir: 'infra', label: 'GitOps (Flux CD)' },
	{ dir: '01-overview', label: 'Overview' },
	{ dir: '02-architecture', label: 'Architecture' },
	{ dir: '08-workflows', label: 'Workflows' },
	{ dir: '09-security', label: 'Security' },
	{ dir: '10-observability', label: 'Observability' },
	{ dir: '12-specification-driven-dev', label: 'Documentation standards' },
	{ dir: '92-adr', label: 'Decisions (ADR)' },
] as const;

export const sectionOf = (id: string) => SECTIONS.find((s) => id === s.dir || id.startsWith(`${s.dir}/`));
