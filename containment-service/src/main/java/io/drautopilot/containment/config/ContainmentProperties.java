package io.drautopilot.containment.config;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code dr.containment.*}: the safety rails of containment-service.
 *
 * <pre>
 * dr.containment.protected-principals: role/break-glass-*, role/OrganizationAccountAccessRole  # never contained
 * dr.containment.evidence-location: /var/lib/dr-autopilot/evidence   # a directory, or s3://bucket/prefix
 * dr.containment.evidence-region:                  # region of the evidence bucket (default dr.aws.region)
 * dr.containment.key-deletion.minimum-pending-days: 7   # never below 7 (the AWS minimum)
 * dr.containment.key-deletion.required-approvers: 2    # never below 2
 * dr.containment.audit-export.minimum-window: 24h      # an export covers at least this much before detection
 * dr.containment.audit-export.maximum-window: 7d       # and at most this much
 * dr.containment.audit-export.max-pages: 10000         # FilterLogEvents pages one export may read
 * </pre>
 *
 * @param protectedPrincipals users and roles containment refuses to touch: names, user/NAME, role/NAME or
 *                            IAM ARNs; '*' wildcards
 * @param evidenceLocation    evidence store: a directory or s3://bucket/prefix; default
 *                            {@code dr-autopilot/evidence} in {@code java.io.tmpdir}
 * @param evidenceRegion      region of the evidence bucket; unset takes {@code dr.aws.region}
 * @param keyDeletion         the two-person rule and pending window for KMS key deletion
 * @param auditExport         how much of the audit log a forensic export covers
 */
@ConfigurationProperties("dr.containment")
public record ContainmentProperties(
    @DefaultValue("role/break-glass-*") List<String> protectedPrincipals,
    String evidenceLocation,
    String evidenceRegion,
    @DefaultValue KeyDeletion keyDeletion,
    @DefaultValue AuditExport auditExport) {

  public ContainmentProperties {
    protectedPrincipals =
        protectedPrincipals == null ? List.of() : List.copyOf(protectedPrincipals);
    if (evidenceLocation == null) {
      evidenceLocation = System.getProperty("java.io.tmpdir") + "/dr-autopilot/evidence";
    }
  }

  /**
   * How much of the audit log a forensic export covers (see {@code AuditWindow}).
   *
   * @param minimumWindow the seed exports the 24 hours before detection; the incident's own window is
   *                      often far shorter
   * @param maximumWindow bounds one export, whatever impact start it is given
   * @param maxPages      the most FilterLogEvents pages one export reads; beyond it the export is refused
   *                      as too large
   */
  public record AuditExport(
      @DefaultValue("24h") Duration minimumWindow,
      @DefaultValue("7d") Duration maximumWindow,
      @DefaultValue("10000") int maxPages) {}

  /**
   * The two-person rule and pending window for KMS key deletion.
   *
   * @param minimumPendingDays the shortest pending window a key deletion may be scheduled with
   * @param requiredApprovers  how many distinct people must approve a key deletion
   */
  public record KeyDeletion(
      @DefaultValue("7") int minimumPendingDays, @DefaultValue("2") int requiredApprovers) {}
}
