/**
 * Keeps a page's sidebar proportional to its own section, not to the whole site: groups that do not
 * hold the current page collapse to one link to their first page — a folder's Overview, or a
 * category's hub (src/lib/sidebar.ts puts it first). Starlight renders every
 * page's link into every page, so HTML size, link count and render time grow with the square of the
 * page count (a 1,000-page site spends minutes in a link checker); this makes them linear, and
 * every page stays two clicks away: a collapsed group's link opens a page where it is expanded.
 */
export interface SidebarLink {
	type: 'link';
	label: string;
	href: string;
	isCurrent: boolean;
	badge?: unknown;
	attrs: Record<string, unknown>;
}
export interface SidebarGroup {
	type: 'group';
	label: string;
	entries: SidebarEntry[];
	collapsed: boolean;
	badge?: unknown;
}
export type SidebarEntry = SidebarLink | SidebarGroup;

const hasCurrent = (entry: SidebarEntry): boolean => (entry.type === 'link' ? entry.isCurrent : entry.entries.some(hasCurrent));

/** Where a collapsed group leads: its first link (the builder puts the Overview or hub there). */
function landingOf(group: SidebarGroup): SidebarLink | undefined {
	const first = group.entries[0];
	return first?.type === 'link' ? first : first ? landingOf(first) : undefined;
}

export function scopeSidebar(entries: SidebarEntry[]): SidebarEntry[] {
	return entries.map((entry) => {
		if (entry.type === 'link' || hasCurrent(entry)) return entry.type === 'group' ? { ...entry, entries: scopeSidebar(entry.entries) } : entry;
		const landing = landingOf(entry);
		return landing ? { type: 'link', label: entry.label, href: landing.href, isCurrent: false, attrs: { 'data-section-link': '' } } : entry;
	});
}
