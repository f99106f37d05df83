/**
 * The site search's UI, loaded on idle or when the search opens (src/components/Search.astro keeps
 * what loads with every page to Starlight's size): Pagefind's UI as Starlight sets it up, plus what a
 * reader in an incident needs from the keyboard and on a phone (issue 24). The arrow keys move between
 * the input and the results and Enter opens one (Enter in the input opens the first); keys typed
 * before the UI loaded are put into its input; on a phone the filters open from a "Filters" toggle;
 * the shortcut hint says ⌘ on Apple devices.
 */
// @ts-expect-error — Missing types for @pagefind/default-ui package.
import { PagefindUI } from '@pagefind/default-ui';
// @ts-expect-error — Starlight's virtual module ships no type declarations (its own Search.astro is not type-checked).
import { pagefindUserConfig } from 'virtual:starlight/pagefind-config';
import { groupSubResults, pageQuotes, sectionEvidence, withoutSearchOnlyMeta } from './search-results.ts';
import { makeQueryRewriter } from './search-query.ts';
import { relaxQuery } from './search-relax.ts';

export function mountSearch(host: HTMLElement, state: { pending: string }): void {
	const dialog = host.querySelector('dialog')!;
	let translations: { placeholder?: string } = {};
	try {
		translations = JSON.parse(host.dataset.translations || '{}');
	} catch {}
	const shouldStrip = host.dataset.stripTrailingSlash !== undefined;
	const formatURL = shouldStrip ? (path: string) => path.replace(/(.)\/(#.*)?$/, '$1$2') : (path: string) => path;

	// Stop words dropped and typing slips corrected before Pagefind searches (search-query.ts). The
	// vocabulary loads with the UI; a query typed before it arrived is searched again with it.
	let rewrite = makeQueryRewriter(null);
	// A query whose words are not all on one page is searched again a word short (search-relax.ts).
	// Pagefind UI asks for the query synchronously, so the relaxed one is worked out beside it, with
	// the same Pagefind module (one instance per URL, so its loaded index is shared) and the filters
	// the reader has ticked, and the search is run again once it is known.
	const bundlePath = import.meta.env.BASE_URL.replace(/\/$/, '') + '/pagefind/';
	const relaxed = new Map<string, string>();
	type Pagefind = { search(q: string, o: { filters: Record<string, string[]> }): Promise<{ results: Array<{ id: string; score: number; data(): Promise<{ content: string; locations: number[] }> }> }> };
	let pagefindReady: Promise<Pagefind> | undefined;
	const tickedFilters = () => {
		const filters: Record<string, string[]> = {};
		for (const box of host.querySelectorAll<HTMLInputElement>('.pagefind-ui__filter-checkbox:checked')) (filters[box.name] ??= []).push(box.value);
		return filters;
	};
	const keyOf = (query: string) => `${query}\n${JSON.stringify(tickedFilters())}`;
	const relax = async (query: string, key: string) => {
		relaxed.set(key, query);
		// The ranking set before the first search, as the UI sets it (the same values, so in either order).
		pagefindReady ??= import(/* @vite-ignore */ `${bundlePath}pagefind.js`).then(async (pf) => (await pf.options({ ranking: pagefindUserConfig.ranking }), pf));
		const pagefind = await pagefindReady;
		const filters = tickedFilters();
		const quoted = async (q: string) => {
			const first = (await pagefind.search(q, { filters })).results[0];
			const page = first && (await first.data());
			return !!page && pageQuotes(page.content, page.locations, q);
		};
		const better = await relaxQuery(query, async (q) => (await pagefind.search(q, { filters })).results, quoted);
		relaxed.set(key, better);
		const field = host.querySelector<HTMLInputElement>('.pagefind-ui__search-input');
		// Pagefind UI searches again when its filters change, even to the same ones; setting the input
		// instead would put text under the reader's cursor while they type.
		if (better !== query && field && keyOf(rewrite(field.value)) === key) ui.triggerFilters(tickedFilters());
	};
	// The query last handed to Pagefind, whose words rank the sections shown under each result.
	let searched = '';
	const ui = new PagefindUI({
		...pagefindUserConfig,
		processTerm: (term: string) => {
			const query = rewrite(term);
			const key = keyOf(query);
			if (!relaxed.has(key)) void relax(query, key).catch(() => relaxed.delete(key));
			searched = relaxed.get(key) ?? query;
			return searched;
		},
		element: '#starlight__search',
		baseUrl: import.meta.env.BASE_URL,
		bundlePath,
		showImages: false,
		translations,
		showSubResults: true,
		processResult: (result: { url: string; content?: string; sub_results: Array<{ url: string }>; meta?: Record<string, string> }) => {
			withoutSearchOnlyMeta(result);
			// The title's own sub-result becomes the page's root, so Pagefind's UI leaves it out (search-results.ts).
			result.sub_results = groupSubResults(result.url, result.sub_results, undefined, sectionEvidence(result.content ?? '', searched));
			result.url = formatURL(result.url);
			result.sub_results = result.sub_results.map((sub_result) => {
				sub_result.url = formatURL(sub_result.url);
				return sub_result;
			});
		},
	});

	const field = host.querySelector<HTMLInputElement>('.pagefind-ui__search-input');
	if (!field) return;
	fetch(import.meta.env.BASE_URL.replace(/\/$/, '') + '/search-vocabulary.json')
		.then((r) => (r.ok ? r.json() : null))
		.then((vocabulary) => {
			if (!vocabulary) return;
			const withoutVocabulary = rewrite;
			rewrite = makeQueryRewriter(vocabulary);
			// Searched again only when the vocabulary changes what is searched (a slip corrected, an unknown
			// word dropped): otherwise the same results were re-rendered under a reader already moving through
			// them with the arrow keys, and the focused result vanished (the browser test caught it, once).
			// triggerSearch(field.value) did nothing: Pagefind UI searches only for a changed value.
			if (field.value && rewrite(field.value) !== withoutVocabulary(field.value)) ui.triggerFilters(tickedFilters());
		})
		.catch(() => {});
	// Pagefind labels its input only by title/placeholder; screen readers and axe want a name.
	field.setAttribute('aria-label', translations.placeholder || 'Search');
	if (dialog.open) {
		field.focus();
		if (state.pending) {
			field.value = state.pending;
			state.pending = '';
			field.dispatchEvent(new Event('input', { bubbles: true }));
		}
	}

	if (/Mac|iPhone|iPad/.test(navigator.platform)) {
		const key = host.querySelector('[data-modifier-key]');
		if (key) key.textContent = '⌘ K';
	}

	const links = () => [...host.querySelectorAll<HTMLAnchorElement>('#starlight__search .pagefind-ui__result-link')];
	dialog.addEventListener('keydown', (e) => {
		const results = links();
		const at = results.indexOf(document.activeElement as HTMLAnchorElement);
		if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
			// Only from the input or a result: elsewhere (filters) the arrows keep their own meaning.
			if (results.length === 0 || (at === -1 && document.activeElement !== field)) return;
			const next = e.key === 'ArrowDown' ? Math.min(at + 1, results.length - 1) : at - 1;
			const target = next < 0 ? field : results[next]!;
			target.focus();
			target.scrollIntoView({ block: 'nearest' });
			e.preventDefault();
		} else if (e.key === 'Enter' && document.activeElement === field && results[0]) {
			e.preventDefault();
			dialog.close();
			window.location.href = results[0].href;
		}
	});

	const toggle = host.querySelector<HTMLButtonElement>('.search-filter-toggle');
	toggle?.addEventListener('click', () => {
		const open = toggle.getAttribute('aria-expanded') !== 'true';
		toggle.setAttribute('aria-expanded', String(open));
		host.querySelector('#starlight__search')?.toggleAttribute('data-filters-open', open);
	});
}
