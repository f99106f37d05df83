/**
 * Accessibility fixes to rendered Markdown (axe-core "serious"/"critical" findings): a GFM task
 * list's checkbox has no label, so it gets one saying its state; tables, which Starlight lets scroll
 * sideways, must be reachable by keyboard, so they become focusable. A Sätteri hast plugin.
 */
import type { HastPluginDefinition } from 'satteri';

export function a11yPlugin(): HastPluginDefinition {
	return {
		name: 'neotool-a11y',
		element: {
			filter: ['input', 'table'],
			visit(node, ctx) {
				if (node.tagName === 'table') ctx.setProperty(node, 'tabIndex', 0);
				else if (node.properties?.type === 'checkbox') ctx.setProperty(node, 'ariaLabel', node.properties.checked ? 'Done' : 'Not done');
			},
		},
	} as HastPluginDefinition;
}
