/** /llms-full.txt: every page's Markdown twin in llms.txt order. */
import type { APIRoute } from 'astro';
import { siteAgentFiles } from '../lib/agents/site-agent-files.ts';

export const GET: APIRoute = async () => new Response((await siteAgentFiles()).llmsFullTxt, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
