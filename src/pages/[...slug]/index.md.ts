/** `<page>/index.md`: the page's Markdown twin (src/lib/agents/twin.ts), e.g. /11-infrastructure/k3s-setup/index.md. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { siteAgentFiles } from '../../lib/agents/site-agent-files.ts';

export const getStaticPaths: GetStaticPaths = async () => {
	const { twins } = await siteAgentFiles();
	return [...twins.keys()].map((id) => ({ params: { slug: id === 'index' ? undefined : id }, props: { id } }));
};

export const GET: APIRoute = async ({ props }) => new Response((await siteAgentFiles()).twins.get(props.id as string)!, { headers: { 'Content-Type': 'text/markdown; charset=utf-8' } });
