/**
 * Keeps a page's sidebar proportional to its own section, not to the whole site: groups that do not
 * hold the current page collapse to one link to their Overview page. Starlight renders every
 * page's link into every page, so HTML size, link count and render time grow with the square of the
 * page count (a 1,000-page site spends minutes in a link checker); this makes them linear, and
 * every page stays two clicks away: its section's Overview lists it.
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

/** The group's Overview link (its README), which the sidebar builder always puts first. */
function overviewOf(group: SidebarGroup): SidebarLink | undefined {
	const first = group.entries[0];
	return first?.type === 'link' && first.label === 'Overview' ? first : undefined;
}

export function scopeSidebar(entries: SidebarEntry[]): SidebarEntry[] {
	return entries.map((entry) => {
		if (entry.type === 'link' || hasCurrent(entry)) return entry.type === 'group' ? { ...entry, entries: scopeSidebar(entry.entries) } : entry;
		const overview = overviewOf(entry);
		return overview ? { type: 'link', label: entry.label, href: overview.href, isCurrent: false, attrs: { 'data-section-link': '' } } : entry;
	});
}
