/** /docs-index.schema.json: JSON Schema of /docs-index.json, generated from schemas/docs-index.ts. */
import type { APIRoute } from 'astro';
import { indexJsonSchema } from '../lib/agents/json-schemas.ts';
import { SITE_URL } from '../lib/site-config.ts';

export const GET: APIRoute = () => new Response(`${JSON.stringify(indexJsonSchema(SITE_URL), null, 2)}\n`, { headers: { 'Content-Type': 'application/schema+json; charset=utf-8' } });
