package io.drautopilot.detector.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One result of one check: a probe run against one resource in one region, or an inbound alert.
 *
 * @param check what was checked (e.g. {@code table-availability}, {@code alert:alertmanager:DynamoDBDown}); with
 *     region and resource it identifies the series that flap damping counts
 * @param signal when failing, what was seen (e.g. {@code table-missing}); the classification rules match on it
 * @param resource the table (or endpoint) concerned, or null for region-wide checks
 * @param value a measured value the rules can compare (a metric sum, a violation ratio), or null
 * @param preConfirmed true for alerts already damped at their source: they need no consecutive failures here
 * @param subjects who or what the observation points at, by name (see {@link Subjects}), for runbooks to act on;
 *     references only, never secret values. Never null; entries without a value are left out.
 * @param reportedSeverity the severity the source itself gave (an alert's {@code severity} label), or null; how it
 *     combines with the classification rules' severity is its own business (see {@link ReportedSeverity})
 */
public record Observation(
    String check,
    String region,
    String resource,
    boolean failing,
    String signal,
    String detail,
    Double value,
    Instant observedAt,
    boolean preConfirmed,
    Map<String, String> subjects,
    ReportedSeverity reportedSeverity) {

  public Observation {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(observedAt, "observedAt");
    if (failing) {
      Objects.requireNonNull(signal, "a failing observation needs a signal");
    }
    subjects = Subjects.copyOf(subjects);
  }

  /** An observation whose source gave no severity of its own. */
  public Observation(
      String check,
      String region,
      String resource,
      boolean failing,
      String signal,
      String detail,
      Double value,
      Instant observedAt,
      boolean preConfirmed,
      Map<String, String> subjects) {
    this(
        check,
        region,
        resource,
        failing,
        signal,
        detail,
        value,
        observedAt,
        preConfirmed,
        subjects,
        null);
  }

  /** An observation that names no subjects. */
  public Observation(
      String check,
      String region,
      String resource,
      boolean failing,
      String signal,
      String detail,
      Double value,
      Instant observedAt,
      boolean preConfirmed) {
    this(
        check,
        region,
        resource,
        failing,
        signal,
        detail,
        value,
        observedAt,
        preConfirmed,
        Map.of());
  }

  public static Observation failing(
      String check,
      String region,
      String resource,
      String signal,
      String detail,
      Double value,
      Instant observedAt) {
    return new Observation(check, region, resource, true, signal, detail, value, observedAt, false);
  }

  public static Observation passing(
      String check, String region, String resource, Instant observedAt) {
    return new Observation(check, region, resource, false, null, "ok", null, observedAt, false);
  }

  public Observation asPreConfirmed() {
    return new Observation(
        check,
        region,
        resource,
        failing,
        signal,
        detail,
        value,
        observedAt,
        true,
        subjects,
        reportedSeverity);
  }

  /** This observation naming these subjects instead of its own. */
  public Observation withSubjects(Map<String, String> subjects) {
    return new Observation(
        check,
        region,
        resource,
        failing,
        signal,
        detail,
        value,
        observedAt,
        preConfirmed,
        subjects,
        reportedSeverity);
  }

  /** This observation with another detail (more evidence), all else the same. */
  public Observation withDetail(String detail) {
    return new Observation(
        check,
        region,
        resource,
        failing,
        signal,
        detail,
        value,
        observedAt,
        preConfirmed,
        subjects,
        reportedSeverity);
  }

  /** The series this observation belongs to. */
  public String seriesKey() {
    return check + "|" + region + "|" + (resource == null ? "" : resource);
  }

  /** The subject names runbooks know; other names travel too but nothing acts on them. */
  public static final class Subjects {

    /** {@code USER} or {@code ROLE}; any other identity type as its source spells it (e.g. {@code Root}). */
    public static final String PRINCIPAL_TYPE = "principalType";

    /** The IAM user's name, or the role's name for an assumed role. */
    public static final String PRINCIPAL_NAME = "principalName";

    public static final String PRINCIPAL_ARN = "principalArn";

    /** The access key id used (an identifier, never the secret key). */
    public static final String ACCESS_KEY_ID = "accessKeyId";

    public static final String SOURCE_IP = "sourceIp";

    public static final String USER = "USER";
    public static final String ROLE = "ROLE";

    /** An unmodifiable copy sorted by name, without entries whose name or value is null or blank. */
    static Map<String, String> copyOf(Map<String, String> subjects) {
      if (subjects == null || subjects.isEmpty()) {
        return Map.of();
      }
      Map<String, String> copy = new TreeMap<>();
      subjects.forEach(
          (name, value) -> {
            if (name != null && !name.isBlank() && value != null && !value.isBlank()) {
              copy.put(name, value);
            }
          });
      return copy.isEmpty() ? Map.of() : Collections.unmodifiableMap(copy);
    }

    private Subjects() {}
  }
}
