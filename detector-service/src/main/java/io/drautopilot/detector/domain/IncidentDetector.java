package io.drautopilot.detector.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Turns observations into decisions: flap damping per series, classification by the rules, regional correlation,
 * fingerprint dedup (an ongoing problem is raised once; only a worsening or its reaching more resources is published
 * again, as an upgrade or a widening with the same incident id) and a clear when every series behind a problem is
 * green.
 *
 * <p>Thread-safe: probe rounds and webhooks evaluate through the same instance.
 */
public final class IncidentDetector {

  private final ClassificationRules rules;
  private final DetectionPolicy policy;
  private final Clock clock;
  private final Supplier<String> incidentIds;

  private final Map<String, Series> series = new HashMap<>();
  private final Map<String, Published> published = new LinkedHashMap<>();

  /** Problems carried over from before a restart, kept open until this time unless seen failing again. */
  private final Map<String, Instant> restoredUntil = new HashMap<>();

  /** The incident id of a raise whose publication failed: the retry uses it again. */
  private final Map<String, String> unconfirmedRaises = new HashMap<>();

  public IncidentDetector(
      ClassificationRules rules,
      DetectionPolicy policy,
      Clock clock,
      Supplier<String> incidentIds) {
    this.rules = rules;
    this.policy = policy;
    this.clock = clock;
    this.incidentIds = incidentIds;
  }

  /** Feeds one batch (a probe round, one alert payload) and returns what changed. */
  public synchronized List<Decision> evaluate(Collection<Observation> observations) {
    for (Observation o : observations) {
      record(o);
    }
    return reconcile();
  }

  /**
   * Continues problems that were open before a restart (read back from the detection log), with their incident ids.
   * Each stays open until {@code keepUntil} even though no check has failed since the restart, so the damping rounds
   * after a restart do not clear it; failing again within that time continues it (same id; upgraded or widened as
   * usual), and one not seen failing by then is cleared.
   */
  public synchronized void restore(Collection<Incident> open, Instant keepUntil) {
    for (Incident incident : open) {
      if (!published.containsKey(incident.fingerprint())) {
        published.put(incident.fingerprint(), new Published(incident, Set.of()));
        restoredUntil.put(incident.fingerprint(), keepUntil);
      }
    }
  }

  /**
   * Forgets a decision whose event could not be published, so the next evaluation decides it again. A raise is
   * retried with the same incident id: a publication that timed out may still have reached the broker, and a second
   * id for one problem would be a second incident to everyone downstream.
   */
  public synchronized void publicationFailed(Decision decision) {
    String fp = decision.incident().fingerprint();
    if (decision instanceof Decision.Raised) {
      published.remove(fp);
      unconfirmedRaises.put(fp, decision.incident().incidentId());
    } else if (decision instanceof Decision.Upgraded u) {
      Published p = published.get(fp);
      if (p != null) {
        published.put(
            fp, new Published(withSeverity(p.incident, u.previousSeverity()), p.seriesKeys));
      }
    } else if (decision instanceof Decision.Widened w) {
      Published p = published.get(fp);
      if (p != null) {
        Incident i = p.incident;
        published.put(
            fp,
            new Published(
                new Incident(
                    i.incidentId(),
                    i.fingerprint(),
                    i.scenario(),
                    i.severity(),
                    i.region(),
                    w.previousResources(),
                    i.symptoms(),
                    i.impactStartedAt(),
                    i.detectedAt()),
                p.seriesKeys));
      }
    } else if (decision instanceof Decision.Cleared c) {
      published.put(fp, new Published(c.incident(), Set.of()));
    }
  }

  /** True while some series has failed but not yet often enough to count: worth confirming soon. */
  public synchronized boolean hasUnconfirmedFailures() {
    return series.values().stream().anyMatch(s -> !s.confirmed && s.consecutiveFailures > 0);
  }

  /** The incidents currently raised, by fingerprint. */
  public synchronized Map<String, Incident> openIncidents() {
    Map<String, Incident> open = new LinkedHashMap<>();
    published.forEach((fp, p) -> open.put(fp, p.incident));
    return open;
  }

  private void record(Observation o) {
    String key = o.seriesKey();
    Series s = series.get(key);
    if (o.failing()) {
      if (s == null) {
        s = new Series(o);
        series.put(key, s);
      }
      s.consecutiveSuccesses = 0;
      s.consecutiveFailures++;
      // A later failure that names no one still concerns whoever an earlier one of the series
      // named.
      s.last = o.subjects().isEmpty() && s.last != null ? o.withSubjects(s.last.subjects()) : o;
      if (o.preConfirmed() || s.consecutiveFailures >= policy.consecutiveFailures()) {
        s.confirmed = true;
      }
    } else if (s != null) {
      s.consecutiveFailures = 0;
      s.consecutiveSuccesses++;
      if (!s.confirmed
          || o.preConfirmed()
          || s.consecutiveSuccesses >= policy.consecutiveSuccesses()) {
        series.remove(key);
      }
    }
  }

  private List<Decision> reconcile() {
    Instant now = clock.instant();
    Map<String, Group> desired = desiredGroups();
    // A raise that failed and is no longer wanted has nothing to retry.
    unconfirmedRaises.keySet().retainAll(desired.keySet());
    List<Decision> decisions = new ArrayList<>();

    for (Group g : desired.values()) {
      Published p = published.get(g.fingerprint);
      restoredUntil.remove(g.fingerprint);
      if (p == null) {
        String id = unconfirmedRaises.remove(g.fingerprint);
        Incident incident =
            g.toIncident(id != null ? id : incidentIds.get(), g.impactStartedAt(), now);
        published.put(g.fingerprint, new Published(incident, g.seriesKeys()));
        decisions.add(new Decision.Raised(incident));
      } else {
        Set<String> keys = new LinkedHashSet<>(p.seriesKeys);
        keys.addAll(g.seriesKeys());
        if (g.severity.isWorseThan(p.incident.severity())) {
          Incident incident =
              g.toIncident(p.incident.incidentId(), p.incident.impactStartedAt(), now);
          published.put(g.fingerprint, new Published(incident, keys));
          decisions.add(new Decision.Upgraded(incident, p.incident.severity()));
        } else {
          Incident current =
              g.toIncident(p.incident.incidentId(), p.incident.impactStartedAt(), now);
          if (!p.incident.affectedResources().containsAll(current.affectedResources())) {
            Set<String> resources = new LinkedHashSet<>(p.incident.affectedResources());
            resources.addAll(current.affectedResources());
            Incident widened =
                new Incident(
                    p.incident.incidentId(),
                    p.incident.fingerprint(),
                    p.incident.scenario(),
                    p.incident.severity(),
                    p.incident.region(),
                    List.copyOf(resources),
                    current.symptoms(),
                    p.incident.impactStartedAt(),
                    now);
            published.put(g.fingerprint, new Published(widened, keys));
            decisions.add(new Decision.Widened(widened, p.incident.affectedResources()));
          } else {
            published.put(g.fingerprint, new Published(p.incident, keys));
          }
        }
      }
    }

    for (var it = published.entrySet().iterator(); it.hasNext(); ) {
      var e = it.next();
      if (desired.containsKey(e.getKey())) {
        continue;
      }
      Instant keep = restoredUntil.get(e.getKey());
      if (keep != null && now.isBefore(keep)) {
        continue;
      }
      // A problem absorbed into a wider one (a table incident into a regional one) stays open until
      // its own
      // series are green: clearing it now would tell the orchestrator the table is fine.
      boolean stillFailing =
          e.getValue().seriesKeys.stream().map(series::get).anyMatch(s -> s != null && s.confirmed);
      if (!stillFailing) {
        it.remove();
        restoredUntil.remove(e.getKey());
        decisions.add(new Decision.Cleared(e.getValue().incident, now));
      }
    }
    return decisions;
  }

  private Map<String, Group> desiredGroups() {
    List<Series> confirmed =
        series.values().stream()
            .filter(s -> s.confirmed)
            .sorted(Comparator.comparing((Series s) -> s.firstFailureAt).thenComparing(s -> s.key))
            .toList();
    Map<String, Group> groups = new LinkedHashMap<>();

    Set<Series> correlated = new LinkedHashSet<>();
    for (String region :
        confirmed.stream()
            .map(s -> s.last.region())
            .collect(TreeSet<String>::new, Set::add, Set::addAll)) {
      List<Series> candidates =
          confirmed.stream()
              .filter(
                  s ->
                      s.last.region().equals(region)
                          && policy.correlatedSignals().contains(s.last.signal()))
              .toList();
      String regionalFp = fingerprint(policy.correlatedScenario(), region, null);
      // Once a region is known to be failing, every further failing table belongs to that problem.
      if (published.containsKey(regionalFp) ? !candidates.isEmpty() : clustered(candidates)) {
        Group g =
            groups.computeIfAbsent(
                regionalFp, fp -> new Group(fp, policy.correlatedScenario(), region));
        g.regionTables.addAll(policy.tablesIn(region));
        candidates.forEach(s -> g.add(s, policy.correlatedSeverity()));
        correlated.addAll(candidates);
        // The provider's own word on the region goes with the problem; it neither raises nor keeps
        // one open.
        List<Series> evidence =
            confirmed.stream()
                .filter(
                    s ->
                        s.last.region().equals(region)
                            && policy.regionalEvidenceSignals().contains(s.last.signal()))
                .toList();
        g.evidence.addAll(evidence);
        correlated.addAll(evidence);
      }
    }

    for (Series s : confirmed) {
      if (correlated.contains(s)) {
        continue;
      }
      Optional<Classification> c = rules.classify(s.last.signal(), s.last.value());
      if (c.isEmpty()) {
        continue;
      }
      String resource =
          c.get().scope() == ClassificationRule.Scope.REGION ? null : s.last.resource();
      String fp = fingerprint(c.get().scenario(), s.last.region(), resource);
      RunbookSeverity severity =
          s.last.reportedSeverity() == null
              ? c.get().severity()
              : s.last.reportedSeverity().applyTo(c.get().severity());
      Group g = groups.computeIfAbsent(fp, k -> new Group(k, c.get().scenario(), s.last.region()));
      if (resource == null && c.get().scenario() == policy.correlatedScenario()) {
        // a region-wide classification of the regional scenario: the region's tables too
        g.regionTables.addAll(policy.tablesIn(s.last.region()));
      }
      g.add(s, severity);
    }
    return groups;
  }

  /** True when at least the policy's number of distinct resources started failing within one correlation window. */
  private boolean clustered(List<Series> candidates) {
    for (Series first : candidates) {
      Instant end = first.firstFailureAt.plus(policy.correlationWindow());
      long resources =
          candidates.stream()
              .filter(
                  s ->
                      !s.firstFailureAt.isBefore(first.firstFailureAt)
                          && !s.firstFailureAt.isAfter(end))
              .map(s -> String.valueOf(s.last.resource()))
              .distinct()
              .count();
      if (resources >= policy.correlationMinResources()) {
        return true;
      }
    }
    return false;
  }

  static String fingerprint(RunbookScenario scenario, String region, String resource) {
    return scenario.name() + "|" + region + (resource == null ? "" : "|" + resource);
  }

  private static Incident withSeverity(Incident i, RunbookSeverity severity) {
    return new Incident(
        i.incidentId(),
        i.fingerprint(),
        i.scenario(),
        severity,
        i.region(),
        i.affectedResources(),
        i.symptoms(),
        i.impactStartedAt(),
        i.detectedAt());
  }

  private static final class Series {
    final String key;
    final Instant firstFailureAt;
    Observation last;
    int consecutiveFailures;
    int consecutiveSuccesses;
    boolean confirmed;

    Series(Observation first) {
      this.key = first.seriesKey();
      this.firstFailureAt = first.observedAt();
      this.last = first;
    }
  }

  private record Published(Incident incident, Set<String> seriesKeys) {}

  private static final class Group {
    final String fingerprint;
    final RunbookScenario scenario;
    final String region;
    final List<Series> members = new ArrayList<>();

    /** Symptoms only: not counted for severity, resources, impact start or clearing. */
    final List<Series> evidence = new ArrayList<>();

    /** A regional problem's region's tables: affected whether or not seen failing yet. */
    final Set<String> regionTables = new TreeSet<>();

    RunbookSeverity severity = RunbookSeverity.P4;

    Group(String fingerprint, RunbookScenario scenario, String region) {
      this.fingerprint = fingerprint;
      this.scenario = scenario;
      this.region = region;
    }

    void add(Series s, RunbookSeverity sev) {
      members.add(s);
      severity = RunbookSeverity.worst(severity, sev);
    }

    Set<String> seriesKeys() {
      Set<String> keys = new LinkedHashSet<>();
      members.forEach(s -> keys.add(s.key));
      return keys;
    }

    Instant impactStartedAt() {
      return members.stream()
          .map(s -> s.firstFailureAt)
          .min(Comparator.naturalOrder())
          .orElseThrow();
    }

    Incident toIncident(String incidentId, Instant impactStartedAt, Instant detectedAt) {
      Set<String> resources = new TreeSet<>(regionTables);
      members.forEach(
          s -> {
            if (s.last.resource() != null) {
              resources.add(s.last.resource());
            }
          });
      List<Symptom> symptoms = new ArrayList<>();
      members.forEach(s -> symptoms.add(Symptom.of(s.last)));
      evidence.forEach(s -> symptoms.add(Symptom.of(s.last)));
      return new Incident(
          incidentId,
          fingerprint,
          scenario,
          severity,
          region,
          List.copyOf(resources),
          List.copyOf(symptoms),
          impactStartedAt,
          detectedAt);
    }
  }
}
