/**
 * The label values an alert fires with, read from its rule's PromQL: what Alertmanager's Slack
 * message shows beside the alert's name, and what a reader pastes with it (*BackupStale
 * pg-backup-full*: the CronJob that failed). Indexed with the alert name on its runbook
 * (search-signals.ts `searchMeta`, the `alerts` field), so the runbook the rule links to holds the
 * whole paste, not only a page that happens to mention both (Disaster Recovery's Symptom table held
 * `BackupStale` and `pg-backup-full`, and outranked the Backup Verification Runbook the alert opens).
 *
 * Parsed by the PromQL grammar (@prometheus-io/lezer-promql), not a regex: only the values of positive
 * matchers (`=`, and `=~` alternatives that are plain names) are values the alert can carry.
 */
import { parser } from '@prometheus-io/lezer-promql';

/** A regex alternative that is a literal name, as `pg-backup-full|vault-snapshot` lists them. */
const PLAIN = /^[\p{L}\p{N}_.:-]+$/u;

export function alertLabelValues(expr: string): string[] {
	const values = new Set<string>();
	parser.parse(expr).iterate({
		enter(node) {
			if (node.name !== 'UnquotedLabelMatcher' && node.name !== 'QuotedLabelMatcher') return;
			const op = node.node.getChild('MatchOp');
			const literal = node.node.getChild('StringLiteral');
			if (!op || !literal) return false;
			const kind = expr.slice(op.from, op.to);
			// JSON and PromQL share the double-quoted string's escapes; a single- or back-quoted value is taken as written.
			const raw = expr.slice(literal.from, literal.to);
			const value = raw.startsWith('"') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
			if (kind === '=' && PLAIN.test(value)) values.add(value);
			else if (kind === '=~') for (const alt of value.split('|')) if (PLAIN.test(alt)) values.add(alt);
			return false;
		},
	});
	return [...values];
}
