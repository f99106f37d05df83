/**
 * Destructive commands: each runs only when the step before it succeeded and sits in a step with a
 * caution or danger aside (`code-danger`, ./danger.ts). One entry per command, with why it is
 * destructive, in the words the finding uses. `path` is the subcommand path after the CLI; `flags`
 * (any of) must be present too; `all` (every one of) too.
 */
export interface Dangerous {
	cli: string;
	path?: string[];
	flags?: string[];
	all?: string[];
	reason: string;
}

export const DANGEROUS: Dangerous[] = [
	{ cli: 'kubectl', path: ['delete'], reason: 'deletes cluster objects (a PVC or namespace takes its data with it)' },
	{ cli: 'kubectl', path: ['drain'], reason: 'evicts every pod from the node' },
	{ cli: 'kubectl', path: ['replace'], flags: ['--force'], reason: 'deletes and recreates the object' },
	{ cli: 'helm', path: ['uninstall'], reason: 'removes the release and its resources' },
	{ cli: 'flux', path: ['delete'], reason: 'deletes Flux objects (and, with prune, what they applied)' },
	{ cli: 'flux', path: ['uninstall'], reason: 'removes Flux from the cluster' },
	{ cli: 'wal-g', path: ['delete'], reason: 'deletes backups and WAL from the archive' },
	{ cli: 'restic', path: ['forget'], flags: ['--prune'], reason: 'deletes snapshots and their data' },
	{ cli: 'restic', path: ['prune'], reason: 'deletes unreferenced backup data' },
	{ cli: 'shred', reason: 'overwrites the file so it cannot be recovered' },
	{ cli: 'rm', flags: ['-rf', '-fr', '-Rf', '-fR', '-r', '-R', '--recursive'], reason: 'removes a directory tree, unrecoverably' },
	{ cli: 'k3s', path: ['server'], flags: ['--cluster-reset'], reason: 'resets etcd membership to this one node' },
	{ cli: 'k3s', path: ['token', 'rotate'], reason: 'invalidates the token every node joins with' },
	{ cli: 'k3s', path: ['etcd-snapshot', 'delete'], reason: 'deletes etcd snapshots' },
	{ cli: 'k3s-uninstall.sh', reason: 'removes K3s and its data from the node' },
	{ cli: 'k3s-agent-uninstall.sh', reason: 'removes the K3s agent and its data from the node' },
	{ cli: 'kafka-topics.sh', all: ['--alter', '--partitions'], reason: 'adds partitions, which cannot be undone and remaps keys' },
	{ cli: 'kafka-topics.sh', flags: ['--delete'], reason: 'deletes the topic and its messages' },
	{ cli: 'kafka-consumer-groups.sh', all: ['--reset-offsets', '--execute'], reason: 'moves the group\'s committed offsets' },
	{ cli: 'terraform', path: ['destroy'], reason: 'destroys the managed infrastructure' },
	// Terraform parses flags with Go's flag package, which takes `--flag` as `-flag`.
	{ cli: 'terraform', path: ['apply'], flags: ['-destroy', '-auto-approve', '--destroy', '--auto-approve'], reason: 'changes infrastructure without a reviewed plan' },
	{ cli: 'terraform', path: ['state', 'rm'], reason: 'makes Terraform forget the resources: a later apply creates them again' },
	{ cli: 'terraform', path: ['state', 'push'], reason: 'overwrites the remote state' },
	{ cli: 'terraform', path: ['force-unlock'], reason: 'removes another run\'s state lock: two runs may then write the state at once' },
	// `vault operator …` that changes the cluster (reading ones such as `raft list-peers`, `raft snapshot save`, `key-status` are not here, nor
	// `generate-root`, which creates a credential but destroys nothing: its risk is the page's stop point).
	{ cli: 'vault', path: ['operator', 'seal'], reason: 'seals Vault: every client fails until it is unsealed' },
	{ cli: 'vault', path: ['operator', 'init'], reason: 'initialises Vault, creating new unseal keys and root token' },
	{ cli: 'vault', path: ['operator', 'rekey'], reason: 'replaces the unseal keys' },
	{ cli: 'vault', path: ['operator', 'rotate'], reason: 'rotates the encryption key' },
	{ cli: 'vault', path: ['operator', 'step-down'], reason: 'forces a leader election' },
	{ cli: 'vault', path: ['operator', 'raft', 'remove-peer'], reason: 'removes a node from the Raft cluster' },
	{ cli: 'vault', path: ['operator', 'raft', 'snapshot', 'restore'], reason: 'replaces all of Vault\'s data with the snapshot' },
	{ cli: 'etcdctl', path: ['del'], reason: 'deletes etcd keys' },
	{ cli: 'etcdctl', path: ['snapshot', 'restore'], reason: 'replaces the etcd data directory' },
	{ cli: 'dropdb', reason: 'drops a database' },
	{ cli: 'ufw', path: ['reset'], reason: 'removes every firewall rule' },
	{ cli: 'aws', path: ['s3', 'rm'], reason: 'deletes objects from the bucket' },
	{ cli: 'aws', path: ['s3', 'rb'], reason: 'deletes the bucket' },
];

/** SQL statements (libpg-query node types) that destroy data. */
export const DANGEROUS_SQL: Record<string, string> = {
	DropStmt: 'drops the object and its data',
	DropdbStmt: 'drops the database',
	TruncateStmt: 'deletes every row of the table',
	DropRoleStmt: 'drops the role',
};
