package io.drautopilot.containment.config;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

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
 * </pre>
 */
@ConfigurationProperties("dr.containment")
public class ContainmentProperties {

  /** Users and roles containment refuses to touch: names, user/NAME, role/NAME or IAM ARNs; '*' wildcards. */
  private List<String> protectedPrincipals = new ArrayList<>(List.of("role/break-glass-*"));

  /** Evidence store: a directory or s3://bucket/prefix. */
  private String evidenceLocation = System.getProperty("java.io.tmpdir") + "/dr-autopilot/evidence";

  private String evidenceRegion;
  private final KeyDeletion keyDeletion = new KeyDeletion();
  private final AuditExport auditExport = new AuditExport();

  public AuditExport getAuditExport() {
    return auditExport;
  }

  /** How much of the audit log a forensic export covers (see {@code AuditWindow}). */
  public static class AuditExport {
    /** The seed exports the 24 hours before detection; the incident's own window is often far shorter. */
    private java.time.Duration minimumWindow = java.time.Duration.ofHours(24);

    /** Bounds one export, whatever impact start it is given. */
    private java.time.Duration maximumWindow = java.time.Duration.ofDays(7);

    /** The most FilterLogEvents pages one export reads; beyond it the export is refused as too large. */
    private int maxPages = 10_000;

    public int getMaxPages() {
      return maxPages;
    }

    public void setMaxPages(int maxPages) {
      this.maxPages = maxPages;
    }

    public java.time.Duration getMinimumWindow() {
      return minimumWindow;
    }

    public void setMinimumWindow(java.time.Duration minimumWindow) {
      this.minimumWindow = minimumWindow;
    }

    public java.time.Duration getMaximumWindow() {
      return maximumWindow;
    }

    public void setMaximumWindow(java.time.Duration maximumWindow) {
      this.maximumWindow = maximumWindow;
    }
  }

  public List<String> getProtectedPrincipals() {
    return protectedPrincipals;
  }

  public void setProtectedPrincipals(List<String> protectedPrincipals) {
    this.protectedPrincipals = protectedPrincipals;
  }

  public String getEvidenceLocation() {
    return evidenceLocation;
  }

  public void setEvidenceLocation(String evidenceLocation) {
    this.evidenceLocation = evidenceLocation;
  }

  public String getEvidenceRegion() {
    return evidenceRegion;
  }

  public void setEvidenceRegion(String evidenceRegion) {
    this.evidenceRegion = evidenceRegion;
  }

  public KeyDeletion getKeyDeletion() {
    return keyDeletion;
  }

  /** The two-person rule and pending window for KMS key deletion. */
  public static class KeyDeletion {
    private int minimumPendingDays = 7;
    private int requiredApprovers = 2;

    public int getMinimumPendingDays() {
      return minimumPendingDays;
    }

    public void setMinimumPendingDays(int minimumPendingDays) {
      this.minimumPendingDays = minimumPendingDays;
    }

    public int getRequiredApprovers() {
      return requiredApprovers;
    }

    public void setRequiredApprovers(int requiredApprovers) {
      this.requiredApprovers = requiredApprovers;
    }
  }
}
