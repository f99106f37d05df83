/** /llms.txt (llmstxt.org): the docs map for agents, built in src/lib/agents/llms.ts. */
import type { APIRoute } from 'astro';
import { siteAgentFiles } from '../lib/agents/site-agent-files.ts';

export const GET: APIRoute = async () => new Response((await siteAgentFiles()).llmsTxt, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
