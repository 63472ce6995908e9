#!/usr/bin/env bash
# The local stack: a KRaft Kafka broker, a Kafka Connect 3.7.2 worker running the plugin ZIP from
# packaging/target/, MySQL 8.0.15 (needs libaio.so.1: Debian package libaio1) and a loopback Secrets Manager,
# all from Maven Central.
#
#   ./local-stack.sh up       build the plugin ZIP, start everything, register the reference
#                             connector and print change events until Ctrl-C
#   ./local-stack.sh sql      a SQL prompt on the running stack's database (another terminal)
#   ./local-stack.sh status   what runs, the connector's status, lag, events/s and snapshot progress
#   ./local-stack.sh add-table --table=DB.TABLE
#                             grow the connector's table.include.list and snapshot only that table
#                             (incremental, Debezium's execute-snapshot signal), as msk-deploy add-table
#   ./local-stack.sh resnapshot
#                             after a purged binlog position: delete the connector's offsets and resume it,
#                             so it snapshots every table again (connector/README.md, "Purged binlog")
#   ./local-stack.sh down     stop a stack started by 'up' (e.g. from another terminal)
#
# Options after the command: --database=mysql|mariadb|testcontainers|external (default mysql) (--db-host= --db-port=
# --db-user= --db-password= for external), --plugin=ZIP, --dir=DIR (default .local-stack),
# --connect-port=N (a fixed Connect REST port, e.g. 8083; default: a free one), --worker-heap=SIZE (the Connect
# worker's -Xmx, e.g. 2g; default 1g).
set -euo pipefail
cd "$(dirname "$0")"

command="${1:-up}"
if [ "$command" = up ] || [ ! -f local-stack/stack/target/launcher.classpath ]; then
  echo "[local-stack] Building the plugin ZIP (./mvnw package -DskipTests)..."
  ./mvnw -q -B package -DskipTests
fi
classpath="local-stack/stack/target/classes:$(cat local-stack/stack/target/launcher.classpath)"
exec java -cp "$classpath" dev.mskcdc.localstack.cli.LocalStackCli "$command" "${@:2}"
