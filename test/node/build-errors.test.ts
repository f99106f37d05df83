import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSite } from '../helpers/build.ts';
import { ROOT, TMP } from '../helpers/paths.ts';

describe('npm run build on bad input', () => {
	const out = join(TMP, 'broken-dist');
	rmSync(out, { recursive: true, force: true });
	const result = buildSite(join(ROOT, 'test/fixtures/broken-site'), out);
	const printed = result.stdout + result.stderr;

	it('exits non-zero and writes nothing', () => {
		expect(result.status).toBe(1);
		expect(existsSync(out)).toBe(false);
	});

	it('names file, line, field and the fix for each problem', () => {
		const file = 'test/fixtures/broken-site/ops/bad.mdx';
		expect(printed).toContain(`${file}:4:7  frontmatter-schema  Unexpected type \`infrastucture\``);
		expect(printed).toContain('(did you mean `infrastructure`?) (field `type`)');
		expect(printed).toContain(`${file}:9:8  frontmatter-schema  Unexpected tag \`kubernets\``);
		expect(printed).toContain(`${file}:11:5  related-target  Unexpected related entry \`ops/missing-page.md\` that matches no doc`);
		expect(printed).toContain(`${file}:19:3  link-target  Unexpected link to missing doc \`./nowhere.md\``);
		expect(printed).toContain(`${file}:19:35  link-anchor  Unexpected anchor \`#no-such-heading\` in \`#no-such-heading\`, expected a heading of ops/bad.mdx (did you mean \`#only-heading\`?)`);
	});

	it('prints no stack trace', () => {
		expect(printed).not.toMatch(/^\s+at\s/m);
		expect(printed).not.toContain('Stack trace');
	});
});
