package io.drautopilot.notifier.config;

import io.drautopilot.notifier.config.NotifierProperties.ContactProperties;
import io.drautopilot.notifier.config.NotifierProperties.LevelProperties;
import io.drautopilot.notifier.config.NotifierProperties.RouteProperties;
import io.drautopilot.notifier.config.NotifierProperties.TemplateProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The runbook's emergency contact table, escalation matrix, routing and message templates, used
 * when {@code dr.notifier.contacts / escalation / routes / templates} are not configured. Kept in code
 * rather than in application.yml so they hold however the service's configuration files are loaded.
 *
 * <p>The matrix names "On-call Engineer" and "Database Team Lead", which the contact table does not
 * list: level 1 pages the DevOps Lead rotation, level 2 the Database Admin team, level 3 the
 * Engineering Manager, level 4 Business Continuity. P1 incidents also page the Database Admin at once.
 */
final class RunbookDefaults {

  private RunbookDefaults() {}

  static List<ContactProperties> contacts() {
    return List.of(
        new ContactProperties(
            "Database Admin",
            "John Doe",
            "Jane Smith",
            "+1-555-0100",
            "dba@candlefish.ai",
            List.of()),
        new ContactProperties(
            "DevOps Lead",
            "Alice Johnson",
            "Bob Wilson",
            "+1-555-0200",
            "devops@candlefish.ai",
            List.of()),
        new ContactProperties(
            "Engineering Manager",
            "Carol Davis",
            "Dave Brown",
            "+1-555-0300",
            "engineering@candlefish.ai",
            List.of()),
        new ContactProperties(
            "Business Continuity",
            "Eve Taylor",
            "Frank Miller",
            "+1-555-0400",
            "ops@candlefish.ai",
            List.of()),
        // The seed's external security vendor; it lists no address, so deployments configure one.
        new ContactProperties(
            "Security Vendor", "CrowdStrike/incident response team", null, null, null, List.of()),
        // Who approves containment (the security-breach gates' role); the seed names nobody, so a
        // deployment sets the people (or gives another row the role). Unset, a page says so as a
        // failed email.
        new ContactProperties(
            "Security Officer", null, null, null, null, List.of("security-officer")));
  }

  static List<LevelProperties> escalation() {
    return List.of(
        new LevelProperties(1, "On-call Engineer", List.of("DevOps Lead"), 0, 15),
        new LevelProperties(2, "Database Team Lead", List.of("Database Admin"), 15, 30),
        new LevelProperties(3, "Engineering Manager", List.of("Engineering Manager"), 30, 60),
        new LevelProperties(
            4, "CTO/Business Continuity", List.of("Business Continuity"), 60, null));
  }

  static List<RouteProperties> routes() {
    return List.of(
        new RouteProperties(
            "p1-critical",
            Set.of("P1"),
            Set.of(),
            Set.of(),
            List.of("pagerduty", "sns", "sms", "email", "slack", "webhook"),
            List.of("Database Admin")),
        new RouteProperties(
            "p2-high",
            Set.of("P2"),
            Set.of(),
            Set.of(),
            List.of("sns", "email", "slack", "webhook"),
            List.of()),
        new RouteProperties(
            "p3-p4", Set.of("P3", "P4"), Set.of(), Set.of(), List.of("email", "slack"), List.of()),
        new RouteProperties(
            "security-breach",
            Set.of(),
            Set.of("SECURITY_BREACH"),
            Set.of(),
            List.of("pagerduty", "email"),
            List.of("Engineering Manager", "Business Continuity", "Security Vendor")),
        new RouteProperties(
            "maintenance",
            Set.of(),
            Set.of("BACKUP_VERIFICATION", "DR_DRILL"),
            Set.of(),
            List.of("email", "slack"),
            List.of()));
  }

  static Map<String, TemplateProperties> templates() {
    String footer =
        "\n\nEscalation level {{escalationLevel}}: {{levelTarget}} ({{levelWindow}} after detection)\n"
            + "Severity: {{severityLabel}}\n\n{{facts}}";
    Map<String, TemplateProperties> t = new LinkedHashMap<>();
    t.put(
        "default",
        new TemplateProperties(
            "[{{severity}}] DR Autopilot: {{scenario}} incident {{incidentId}}",
            "Incident {{incidentId}} ({{scenario}})." + footer));
    t.put(
        "incident-opened",
        new TemplateProperties(
            "[{{severity}}] INCIDENT: {{scenario}} detected ({{incidentId}})",
            "{{severity}} INCIDENT: {{scenario}} detected. Automated recovery has started; acknowledge to stop escalation."
                + footer));
    // the orchestrator's runbooks open each scenario with its own template id
    scenario(
        t,
        "regional-failure",
        "Database Regional Failure",
        "Regional database failure detected",
        footer);
    scenario(
        t,
        "table-corruption",
        "Table Corruption",
        "Table corruption detected on {{table}}",
        footer);
    scenario(t, "security-breach", "Security Incident", "Possible data breach detected", footer);
    scenario(
        t,
        "performance-degradation",
        "Database Performance Degradation",
        "Database performance degradation detected",
        footer);
    scenario(
        t,
        "dr-drill",
        "Quarterly DR Drill",
        "Quarterly disaster recovery drill started (simulated failure)",
        footer);
    scenario(
        t,
        "backup-verification",
        "Monthly Backup Verification",
        "Monthly backup verification started",
        footer);
    // An escalation page says why: the cause the orchestrator records picks escalation-<kind>
    // (EscalationReason); a page without one keeps the generic template.
    t.put(
        "escalation",
        new TemplateProperties(
            "[{{severity}}] ESCALATION level {{escalationLevel}} - {{levelTarget}}: incident {{incidentId}}",
            "Incident {{incidentId}} ({{scenario}}) was escalated to level {{escalationLevel}}, {{levelTarget}}.\n"
                + "Reason: {{reason}}\nPaged: {{pagedContacts}}"
                + footer));
    t.put(
        "escalation-not-acknowledged",
        new TemplateProperties(
            "[{{severity}}] ESCALATION level {{escalationLevel}} - {{levelTarget}}: incident {{incidentId}} not acknowledged",
            "Incident {{incidentId}} ({{scenario}}) is not acknowledged and was escalated to level {{escalationLevel}}, "
                + "{{levelTarget}}. Acknowledge it to stop escalation.\nReason: {{reason}}\nPaged: {{pagedContacts}}"
                + footer));
    t.put(
        "escalation-recovery-failed",
        new TemplateProperties(
            "[{{severity}}] RECOVERY FAILED: incident {{incidentId}} at step {{failedStep}}",
            "The automated recovery of incident {{incidentId}} ({{scenario}}) FAILED at step {{failedStep}}: {{failure}}.\n"
                + "The service is not recovered: act now, and acknowledge to stop escalation. Escalated to level "
                + "{{escalationLevel}}, {{levelTarget}}.\nReason: {{reason}}\nPaged: {{pagedContacts}}"
                + footer));
    t.put(
        "escalation-step-failed",
        new TemplateProperties(
            "[{{severity}}] STEP FAILED, ESCALATED: incident {{incidentId}} at step {{failedStep}}",
            "The recovery of incident {{incidentId}} ({{scenario}}) stopped: step {{failedStep}} failed: {{failure}}.\n"
                + "It waits for people: act on the step, and acknowledge to stop escalation. Escalated to level "
                + "{{escalationLevel}}, {{levelTarget}}.\nPaged: {{pagedContacts}}"
                + footer));
    t.put(
        "escalation-rto-at-risk",
        new TemplateProperties(
            "[{{severity}}] RTO AT RISK: incident {{incidentId}} (target {{rtoTargetSeconds}} s)",
            "The recovery of incident {{incidentId}} ({{scenario}}) is still running but is expected to miss its RTO "
                + "target of {{rtoTargetSeconds}} s. Level {{escalationLevel}}, {{levelTarget}}, is warned.\n"
                + "Reason: {{reason}}"
                + footer));
    t.put(
        "approval-requested",
        new TemplateProperties(
            "[{{severity}}] APPROVAL NEEDED: {{action}} for incident {{incidentId}}",
            "The recovery of incident {{incidentId}} waits at the approval gate of step {{stepId}} ({{action}}).\n"
                + "Still to approve: {{requiredApprovers}} approver(s) holding {{requiredRole}} ({{roleHolders}}), before "
                + "{{deadline}}.\n{{approveLinks}}"
                + footer));
    t.put(
        "step-failed",
        new TemplateProperties(
            "[{{severity}}] STEP FAILED: {{action}} in incident {{incidentId}}",
            "Step {{stepId}} ({{action}}) of incident {{incidentId}} failed: {{failure}}.\nWhat happens next: {{onFailure}}."
                + footer));
    t.put(
        "incident-resolved",
        new TemplateProperties(
            "[{{severity}}] RESOLVED: incident {{incidentId}} ({{outcome}})",
            "Incident {{incidentId}} ({{scenario}}) is resolved: {{outcome}}.\nMeasured RTO: {{measuredRtoSeconds}} s "
                + "(target {{rtoTargetSeconds}} s, {{rtoVerdict}}). Measured RPO: {{measuredRpoSeconds}} s "
                + "(target {{rpoTargetSeconds}} s)."
                + footer));
    // readiness-service's notice when the readiness score falls below its threshold (no incident:
    // facts score,
    // threshold and the findings that did not pass)
    t.put(
        "readiness-dropped",
        new TemplateProperties(
            "[{{severity}}] DR READINESS DROPPED: score {{score}} below {{threshold}}",
            "Recovery readiness fell to {{score}} (threshold {{threshold}}): were an incident to start now, the RTO and "
                + "RPO targets might not hold. No incident is open; fix what the findings name before one is.\n"
                + "Findings: {{findings}}\n\nSeverity: {{severityLabel}}"));
    t.put(
        "report-ready",
        new TemplateProperties(
            "Post-incident report ready: incident {{incidentId}}",
            "The post-incident report of incident {{incidentId}} is at {{location}}. Please fill in the lessons learned "
                + "and action items."
                + footer));
    return t;
  }

  /** As the runbook's own alert: "P1 INCIDENT: Regional database failure detected". */
  private static void scenario(
      Map<String, TemplateProperties> t, String id, String title, String what, String footer) {
    t.put(
        id,
        new TemplateProperties(
            "[{{severity}}] " + title + ": incident {{incidentId}}",
            "{{severity}} INCIDENT: "
                + what
                + " in {{region}}. Automated recovery has started; acknowledge to stop "
                + "escalation."
                + footer));
  }
}
