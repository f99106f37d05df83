/** The published JSON Schemas (2020-12), generated from the zod schemas that validate the build. */
import { z } from 'astro/zod';
import { docsChunkSchema } from '../../../schemas/docs-chunk.ts';
import { docsIndexSchema, DOCS_INDEX_SCHEMA_VERSION } from '../../../schemas/docs-index.ts';
import { siteUrls } from './urls.ts';

function publish(schema: z.ZodType, id: string, title: string) {
	const { $schema, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output' }) as Record<string, unknown>;
	return { $schema, $id: id, title, ...rest };
}

export const indexJsonSchema = (siteUrl: string) => publish(docsIndexSchema, siteUrls(siteUrl).file('schema'), `NeoTool docs index v${DOCS_INDEX_SCHEMA_VERSION}`);
export const chunkJsonSchema = (siteUrl: string) => publish(docsChunkSchema, siteUrls(siteUrl).file('chunkSchema'), `NeoTool docs chunk v${DOCS_INDEX_SCHEMA_VERSION}`);
