#!/bin/sh
# Creates every topic of the catalog on the compose broker; safe to run again (--if-not-exists).
# Generated from io.drautopilot.contracts.Topics.ALL by deploy-verification (TopicArtifacts). Do not edit:
# regenerate with ./mvnw -o -pl deploy-verification verify -Ddr.deploy.regenerate=true
set -eu

BOOTSTRAP="${DR_KAFKA_BOOTSTRAP_SERVERS:-kafka:9092}"
REPLICATION_FACTOR="${DR_TOPIC_REPLICATION_FACTOR:-1}"
KAFKA_TOPICS="${KAFKA_TOPICS:-/opt/kafka/bin/kafka-topics.sh}"

# create <topic> <partitions> <retention.ms> <cleanup.policy>
create() {
  "$KAFKA_TOPICS" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists --topic "$1" \
    --partitions "$2" --replication-factor "$REPLICATION_FACTOR" \
    --config "retention.ms=$3" --config "cleanup.policy=$4"
}

# IncidentDetected / IncidentConditionCleared from the detector (key: fingerprint)
create dr.incidents.detected 3 -1 delete
# dead letters of dr.incidents.detected, with the reason in headers
create dr.incidents.detected.dlt 1 -1 delete
# the audit log: every decision of every recovery, written only by the orchestrator
create dr.incidents.timeline 3 -1 delete
# dead letters of dr.incidents.timeline, with the reason in headers
create dr.incidents.timeline.dlt 1 -1 delete
# approvals, acknowledgements and cancellations by people, with their identity
create dr.operator.actions 3 -1 delete
# dead letters of dr.operator.actions, with the reason in headers
create dr.operator.actions.dlt 1 -1 delete
# time as an input, so timers replay identically (key: partition)
create dr.clock.ticks 3 2592000000 delete
# dead letters of dr.clock.ticks, with the reason in headers
create dr.clock.ticks.dlt 1 -1 delete
# commands for restore-service
create dr.commands.restore 3 -1 delete
# dead letters of dr.commands.restore, with the reason in headers
create dr.commands.restore.dlt 1 -1 delete
# commands for validation-service
create dr.commands.validation 3 -1 delete
# dead letters of dr.commands.validation, with the reason in headers
create dr.commands.validation.dlt 1 -1 delete
# commands for notifier-service
create dr.commands.notifier 3 -1 delete
# dead letters of dr.commands.notifier, with the reason in headers
create dr.commands.notifier.dlt 1 -1 delete
# commands for containment-service (Scenario 3)
create dr.commands.containment 3 -1 delete
# dead letters of dr.commands.containment, with the reason in headers
create dr.commands.containment.dlt 1 -1 delete
# one typed result per command, from every handler
create dr.commands.results 3 -1 delete
# dead letters of dr.commands.results, with the reason in headers
create dr.commands.results.dlt 1 -1 delete
# progress of long-running commands
create dr.commands.progress 3 604800000 delete
# dead letters of dr.commands.progress, with the reason in headers
create dr.commands.progress.dlt 1 -1 delete
# handlers' record of commands started and completed (key: idempotency key)
create dr.commands.ledger 3 -1 compact
# dead letters of dr.commands.ledger, with the reason in headers
create dr.commands.ledger.dlt 1 -1 delete
# every notification delivery attempt and its outcome
create dr.notifications.deliveries 3 -1 delete
# dead letters of dr.notifications.deliveries, with the reason in headers
create dr.notifications.deliveries.dlt 1 -1 delete
# ReadinessAssessed: forecast RTO/RPO and readiness score (key: scope, OVERALL or a table)
create dr.readiness.assessments 3 -1 compact
# dead letters of dr.readiness.assessments, with the reason in headers
create dr.readiness.assessments.dlt 1 -1 delete

echo "26 topics present on $BOOTSTRAP"
