/**
 * Apache Kafka 3.7 command-line tools (the `apache/kafka:3.7.0` image in facts, `/opt/kafka/bin`),
 * from https://kafka.apache.org/37/documentation.html#basic_ops and each tool's `--help` of 3.7.
 */
import { options } from './build.ts';
import type { Spec } from './index.ts';

const common = '--bootstrap-server= --command-config= --help --version';
const tool = (name: string, opts: string): Spec => ({ name, options: options(`${common} ${opts}`) });

export const topics = tool('kafka-topics.sh', '--alter --create --delete --describe --list --topic= --partitions= --replication-factor= --config= --delete-config= --if-exists --if-not-exists --exclude-internal --under-replicated-partitions --under-min-isr-partitions --at-min-isr-partitions --unavailable-partitions --topics-with-overrides --replica-assignment=');
export const consumerGroups = tool('kafka-consumer-groups.sh', '--all-groups --all-topics --by-duration= --delete --delete-offsets --describe --dry-run --execute --export --from-file= --group= --list --members --offsets --reset-offsets --shift-by= --state --timeout= --to-current --to-datetime= --to-earliest --to-latest --to-offset= --topic= --verbose');
export const consoleConsumer = tool('kafka-console-consumer.sh', '--topic= --from-beginning --max-messages= --group= --partition= --offset= --property= --formatter= --timeout-ms= --isolation-level= --consumer-property= --consumer.config= --skip-message-on-error --include=');
export const consoleProducer = tool('kafka-console-producer.sh', '--topic= --property= --producer-property= --producer.config= --compression-codec= --sync --request-required-acks=');
export const metadataQuorum = { name: 'kafka-metadata-quorum.sh', options: options(`${common} --bootstrap-controller=`), subcommands: [{ name: 'describe', options: options('--status --replication --human-readable') }] } satisfies Spec;
export const configs = tool('kafka-configs.sh', '--alter --describe --entity-type= --entity-name= --entity-default --add-config= --delete-config= --all --topic= --broker= --broker-logger= --bootstrap-controller=');
export const reassignPartitions = tool('kafka-reassign-partitions.sh', '--generate --execute --verify --cancel --list --topics-to-move-json-file= --broker-list= --reassignment-json-file= --throttle= --replica-alter-log-dirs-throttle= --preserve-throttles --additional --disable-rack-aware');
export const leaderElection = tool('kafka-leader-election.sh', '--election-type= --all-topic-partitions --topic= --partition= --path-to-json-file=');
