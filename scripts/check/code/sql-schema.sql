-- The application tables and extension views the runbooks' SQL names, loaded into the check's
-- throwaway PostgreSQL before any statement is checked (scripts/check/code/sql-pg.ts). Add a table
-- here when a runbook starts querying it; never silence a finding by other means.

-- pg_stat_statements is an extension the embedded server does not ship; its view as documented for
-- PostgreSQL 18 (https://www.postgresql.org/docs/18/pgstatstatements.html), the columns runbooks read.
CREATE TABLE IF NOT EXISTS public.pg_stat_statements (
	userid oid, dbid oid, toplevel bool, queryid bigint, query text,
	calls bigint, total_exec_time double precision, mean_exec_time double precision,
	min_exec_time double precision, max_exec_time double precision, stddev_exec_time double precision,
	rows bigint, shared_blks_hit bigint, shared_blks_read bigint, temp_blks_written bigint,
	total_plan_time double precision, mean_plan_time double precision, wal_bytes numeric
);
