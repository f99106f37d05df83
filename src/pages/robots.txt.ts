/**
 * /robots.txt: every page may be crawled, and the sitemap (written by Starlight's @astrojs/sitemap)
 * is named with the site's own URL, so a build for another host (SITE_URL) points at its own.
 */
import type { APIRoute } from 'astro';

export const GET: APIRoute = ({ site }) =>
	new Response(`User-agent: *\nAllow: /\n\nSitemap: ${new URL('sitemap-index.xml', site).href}\n`, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
