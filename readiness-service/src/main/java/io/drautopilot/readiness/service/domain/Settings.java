package io.drautopilot.readiness.service.domain;

import io.drautopilot.readiness.ApprovalGate;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The service's inputs that do not come from the log or AWS.
 *
 * @param region the protected tables' region
 * @param detection the detection stage when no recovery measured it
 * @param beforeRestore the steps before the restore when no recovery measured them
 * @param afterRestore the steps after the restore when no recovery measured them
 * @param replicationLag the data a failover to an ACTIVE replica is taken to lose
 * @param scoreThreshold below this overall score, readiness is reported as dropped
 * @param approvalGates the runbooks' two-person gates, and {@code approvers} who can open them: configured,
 *     because no topic says who is available to approve
 */
public record Settings(
    String region,
    Duration detection,
    Duration beforeRestore,
    Duration afterRestore,
    Duration replicationLag,
    int scoreThreshold,
    List<ApprovalGate> approvalGates,
    Map<String, List<String>> approvers) {}
