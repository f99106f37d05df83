// `tsc` does not read .astro files (the Astro language server and `astro check` do); this lets the
// TypeScript modules that re-export components type-check. Components' own props are checked by
// the Astro compiler at build time.
declare module '*.astro' {
	const Component: (props: Record<string, unknown>) => unknown;
	export default Component;
}
