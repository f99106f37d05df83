/** /docs-chunk.schema.json: JSON Schema of one line of /docs-chunks.jsonl, from schemas/docs-chunk.ts. */
import type { APIRoute } from 'astro';
import { chunkJsonSchema } from '../lib/agents/json-schemas.ts';
import { SITE_URL } from '../lib/site-config.ts';

export const GET: APIRoute = () => new Response(`${JSON.stringify(chunkJsonSchema(SITE_URL), null, 2)}\n`, { headers: { 'Content-Type': 'application/schema+json; charset=utf-8' } });
