package io.drautopilot.readiness.service.config;

import io.drautopilot.readiness.ApprovalGate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code dr.readiness.*}.
 *
 * @param protectedResourcesFile the orchestrator's protected-resources catalogue (same format; same file)
 * @param region the protected tables' region (default: {@code dr.aws.region})
 * @param rtoTarget the seed runbook's RTO, 15 min
 * @param rpoTarget the seed runbook's RPO, 5 min
 * @param interval how often to assess on schedule (also after every restore, verification and drill)
 * @param initialDelay the first scheduled assessment after start-up (the log is re-read first)
 * @param scoreThreshold below this overall score readiness has dropped
 * @param detection detection time when no recovery measured it
 * @param beforeRestore the runbook's steps before the restore when not measured (the runbooks' expected times)
 * @param afterRestore the runbook's steps after the restore when not measured
 * @param replicationLag data a failover to an ACTIVE global-table replica is taken to lose
 * @param verificationMaxAge the monthly backup verification is overdue after this
 * @param drillMaxAge the quarterly drill is overdue after this
 * @param snapshotMaxAge a logical snapshot older than this is stale
 * @param approvalGates the runbooks' gates (role and approvers needed); no topic carries who may approve
 * @param approvers the people who can approve, by role
 * @param notification the drop notification
 * @param runbooks the runbooks whose {@code documentControl.nextReview} is checked (a resource pattern)
 * @param runbooksDirectory the orchestrator's extra runbook directory, also checked
 */
@ConfigurationProperties("dr.readiness")
public record ReadinessProperties(
    String protectedResourcesFile,
    String region,
    @DefaultValue("15m") Duration rtoTarget,
    @DefaultValue("5m") Duration rpoTarget,
    @DefaultValue("15m") Duration interval,
    @DefaultValue("30s") Duration initialDelay,
    @DefaultValue("80") int scoreThreshold,
    @DefaultValue("1m") Duration detection,
    @DefaultValue("1m") Duration beforeRestore,
    @DefaultValue("390s") Duration afterRestore,
    @DefaultValue("1s") Duration replicationLag,
    @DefaultValue("31d") Duration verificationMaxAge,
    @DefaultValue("92d") Duration drillMaxAge,
    @DefaultValue("24h") Duration snapshotMaxAge,
    @DefaultValue List<ApprovalGate> approvalGates,
    @DefaultValue Map<String, List<String>> approvers,
    @DefaultValue Notification notification,
    @DefaultValue("classpath*:runbooks/*.yml") String runbooks,
    String runbooksDirectory) {

  /**
   * @param enabled send a NotifyContactsCommand when the score drops below the threshold
   * @param templateId the notifier's template
   * @param severity the severity the notifier routes by (P1-P4)
   * @param recipientRole also tell the people holding this role
   */
  public record Notification(
      @DefaultValue("false") boolean enabled,
      @DefaultValue("readiness-dropped") String templateId,
      @DefaultValue("P3") String severity,
      String recipientRole) {}
}
