/** /docs-index.json: the agents' index (src/lib/agents/build-agent-files.ts builds and validates it). */
import type { APIRoute } from 'astro';
import { renderIndexJson } from '../lib/agents/build-agent-files.ts';
import { siteAgentFiles } from '../lib/agents/site-agent-files.ts';

export const GET: APIRoute = async () => new Response(renderIndexJson((await siteAgentFiles()).index), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
