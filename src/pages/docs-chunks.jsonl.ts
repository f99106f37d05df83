/** /docs-chunks.jsonl: one section of a page per line (schema: /docs-chunk.schema.json). */
import type { APIRoute } from 'astro';
import { renderChunksJsonl } from '../lib/agents/build-agent-files.ts';
import { siteAgentFiles } from '../lib/agents/site-agent-files.ts';

export const GET: APIRoute = async () => new Response(renderChunksJsonl((await siteAgentFiles()).chunks), { headers: { 'Content-Type': 'application/jsonl; charset=utf-8' } });
