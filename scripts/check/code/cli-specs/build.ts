/**
 * A compact way to write the project's own specs in Fig's format (./index.ts): options as one
 * string, `-n,--namespace=` for a flag with a value (`=`), `-A,--all-namespaces` for one without.
 * The result is a plain Fig.Spec object, read by the same walker as the published ones.
 */
import type { Option, Subcommand } from './index.ts';

export function options(list: string, persistent = false): Option[] {
	return list
		.split(/\s+/)
		.filter(Boolean)
		.map((item) => {
			const value = item.endsWith('=');
			const name = (value ? item.slice(0, -1) : item).split(',');
			return { name: name.length === 1 ? name[0]! : name, ...(value ? { args: { name: name[name.length - 1]!.replace(/^-+/, '') } } : {}), ...(persistent ? { isPersistent: true } : {}) };
		});
}

/** Go's flag package takes `-flag` and `--flag` alike: the option with the other spelling of each of its multi-letter names. */
export function goSpellings(option: Option): Option {
	const list = Array.isArray(option.name) ? option.name : [option.name];
	const more = list.flatMap((n) => (/^--[a-z]/.test(n) ? [n.slice(1)] : /^-[a-z]{2,}/.test(n) ? [`-${n}`] : []));
	return { ...option, name: [...new Set([...list, ...more])] };
}

/** A subcommand: name(s) `a,b`, its options, subcommands, and whether it takes arguments (default yes when it has no subcommands). */
export function sub(name: string, opts = '', subcommands?: Subcommand[], args?: boolean): Subcommand {
	const names = name.split(',');
	return {
		name: names.length === 1 ? names[0]! : names,
		options: options(opts),
		...(subcommands ? { subcommands } : {}),
		...((args ?? !subcommands) ? { args: { name: 'argument', isVariadic: true, isOptional: true } } : {}),
	};
}
