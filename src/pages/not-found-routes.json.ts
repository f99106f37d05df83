/** /not-found-routes.json: the routes the 404 page suggests from (src/lib/not-found-routes.ts). */
import type { APIRoute } from 'astro';
import { notFoundRoutes } from '../lib/not-found-routes.ts';

export const GET: APIRoute = async () => new Response(JSON.stringify(await notFoundRoutes()), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
