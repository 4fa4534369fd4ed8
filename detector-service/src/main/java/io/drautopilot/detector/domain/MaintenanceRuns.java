package io.drautopilot.detector.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the runbook's maintenance procedures: each run is one new P4 incident ("maintenance-related" in the
 * runbook's severity table) of the procedure's scenario, published like any other detection, so the orchestrator
 * runs the procedure's runbook. Runs bypass flap damping and dedup: nothing failed, a run is simply due.
 */
public final class MaintenanceRuns {

  /** The evidence signal of a run started by its schedule. */
  public static final String SCHEDULED_SIGNAL = "scheduled-maintenance";

  /** The evidence signal of a run someone asked for. */
  public static final String ON_DEMAND_SIGNAL = "on-demand-maintenance";

  private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9_.-]{3,255}");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]+");
  private static final Logger log = LoggerFactory.getLogger(MaintenanceRuns.class);

  private final Map<MaintenanceProcedure, MaintenanceTarget> defaultTargets;
  private final IncidentPublisher publisher;
  private final Supplier<String> incidentIds;

  public MaintenanceRuns(
      Map<MaintenanceProcedure, MaintenanceTarget> defaultTargets,
      IncidentPublisher publisher,
      Supplier<String> incidentIds) {
    this.defaultTargets = defaultTargets.isEmpty() ? Map.of() : new EnumMap<>(defaultTargets);
    this.publisher = publisher;
    this.incidentIds = incidentIds;
  }

  /** The table and region a procedure runs against when nobody names one; empty when none is configured. */
  public Optional<MaintenanceTarget> defaultTarget(MaintenanceProcedure procedure) {
    return Optional.ofNullable(defaultTargets.get(procedure));
  }

  /** A run due by the schedule {@code schedule} at {@code scheduledFor}, against the procedure's default target. */
  public Incident startScheduled(
      MaintenanceProcedure procedure, Instant scheduledFor, String schedule) {
    MaintenanceTarget target =
        defaultTarget(procedure)
            .orElseThrow(
                () ->
                    new MaintenanceRunRefused("no target table configured for " + procedure.id()));
    return publish(
        incidentFor(
            incidentIds.get(),
            procedure,
            target,
            scheduledFor,
            SCHEDULED_SIGNAL,
            "scheduled "
                + procedure.title()
                + " (schedule "
                + schedule
                + ") of "
                + target.table()
                + " in "
                + target.region()));
  }

  /**
   * A run asked for now. A missing table or region is taken from the procedure's default target.
   *
   * @throws MaintenanceRunRefused when no table or region is given and none is configured, or one is malformed
   */
  public Incident startOnDemand(
      MaintenanceProcedure procedure, String region, String table, Instant requestedAt) {
    Optional<MaintenanceTarget> fallback = defaultTarget(procedure);
    String t =
        blank(table)
            ? fallback
                .map(MaintenanceTarget::table)
                .orElseThrow(
                    () ->
                        new MaintenanceRunRefused(
                            "no table given and none configured for " + procedure.id()))
            : table.trim();
    String r =
        blank(region)
            ? fallback
                .map(MaintenanceTarget::region)
                .orElseThrow(
                    () ->
                        new MaintenanceRunRefused(
                            "no region given and none configured for " + procedure.id()))
            : region.trim();
    if (!TABLE_NAME.matcher(t).matches()) {
      throw new MaintenanceRunRefused(
          "'" + t + "' is not a DynamoDB table name (3-255 of a-z, A-Z, 0-9, _ . -)");
    }
    if (!REGION.matcher(r).matches()) {
      throw new MaintenanceRunRefused("'" + r + "' is not an AWS region name (e.g. us-east-1)");
    }
    MaintenanceTarget target = new MaintenanceTarget(r, t);
    return publish(
        incidentFor(
            incidentIds.get(),
            procedure,
            target,
            requestedAt,
            ON_DEMAND_SIGNAL,
            "on-demand " + procedure.title() + " of " + t + " in " + r));
  }

  /**
   * What a run looks like as a detection: the run time is both the impact start and the detection time (the drill
   * measures its recovery time from it), and the fingerprint names the run, so every run opens its own incident
   * while a run published twice (a retry) still joins the first.
   */
  public static Incident incidentFor(
      String incidentId,
      MaintenanceProcedure procedure,
      MaintenanceTarget target,
      Instant runAt,
      String signal,
      String detail) {
    Instant at = runAt.truncatedTo(ChronoUnit.MILLIS);
    String fingerprint =
        String.join(
            "|", procedure.scenario().name(), target.region(), target.table(), at.toString());
    return new Incident(
        incidentId,
        fingerprint,
        procedure.scenario(),
        RunbookSeverity.P4,
        target.region(),
        List.of(target.table()),
        List.of(new Symptom(signal, target.table(), detail, at, null)),
        at,
        at);
  }

  private Incident publish(Incident incident) {
    publisher.publish(new Decision.Raised(incident));
    log.info(
        "maintenance run {} {} published as {} ({})",
        incident.scenario(),
        incident.fingerprint(),
        incident.incidentId(),
        incident.symptoms().get(0).signal());
    return incident;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
