package io.drautopilot.readiness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Forecasts how long recovering a table by a path takes (P50 and P90) from every earlier measured run.
 *
 * <p>The method, in order:
 * <ol>
 *   <li><b>Which runs.</b> Every run of the same path on the same table (weight 1), and on tables of
 *       similar size (weight {@link Settings#similarTableWeight}, 0.5): within a factor
 *       {@link Settings#similarSizeFactor} (4) of the table's size, bytes when both are known, else items.
 *       A run of another table whose size is unknown says nothing about this one and is left out.</li>
 *   <li><b>Size scaling.</b> Each run's duration is scaled to the table's size now:
 *       {@code d × (size now / size then)^α}. α is 1 for imports (one writer, a bounded write rate: twice
 *       the items, twice the time) and {@link Settings#restoreSizeExponent} (0.5) for AWS restores and
 *       failover, whose duration AWS says depends on the largest partition rather than the table, so
 *       it grows much less than linearly. A run without a size is taken as measured.</li>
 *   <li><b>Unknown size.</b> DescribeTable's 0 (a table younger than AWS's six-hourly refresh, or a
 *       local DynamoDB) is an unknown size, not an empty table. The table's size is then its newest
 *       size this product measured itself: the items of its newest logical snapshot or of its own
 *       latest restore, whichever is newer (a snapshot import writes exactly the snapshot's items). With
 *       none, the table's own runs are taken as measured and other tables are left out (their
 *       similarity cannot be judged). The basis says which.</li>
 *   <li><b>Outliers</b> (three runs or more): a run further than {@code k} (3) robust standard
 *       deviations from the median (1.4826 × MAD, at least a tenth of the median so identical runs do
 *       not make every other run an outlier) keeps only {@link Settings#outlierWeight} (0.1) of its
 *       weight: a restore that waited on an AWS event counts, but it cannot move the forecast alone.</li>
 *   <li><b>Quantiles.</b> P50 and P90 are the weighted quantiles of the scaled durations; P90 is never
 *       below P50.</li>
 *   <li><b>Floors.</b> No run: the path's {@link RecoveryFloors documented floor}. With runs, a PITR or
 *       AWS Backup forecast is still never below AWS's 20-minute floor.</li>
 * </ol>
 */
public final class Forecaster {

  /**
   * @param similarSizeFactor another table counts when its size is within this factor of the table's
   * @param similarTableWeight weight of another table's run against 1 for the table's own
   * @param restoreSizeExponent α of the size scaling for AWS restores and failover (imports use 1)
   * @param outlierK how many robust standard deviations from the median make a run an outlier
   * @param outlierWeight the share of its weight an outlier keeps
   */
  public record Settings(
      double similarSizeFactor,
      double similarTableWeight,
      double restoreSizeExponent,
      double outlierK,
      double outlierWeight) {

    public static final Settings DEFAULTS = new Settings(4.0, 0.5, 0.5, 3.0, 0.1);

    public Settings {
      if (similarSizeFactor < 1
          || similarTableWeight < 0
          || outlierK <= 0
          || outlierWeight < 0
          || outlierWeight > 1) {
        throw new IllegalArgumentException("invalid forecast settings " + this);
      }
    }
  }

  private final RecoveryFloors floors;
  private final Settings settings;

  public Forecaster(RecoveryFloors floors, Settings settings) {
    this.floors = floors;
    this.settings = settings;
  }

  public Forecaster() {
    this(RecoveryFloors.AWS_DOCUMENTED, Settings.DEFAULTS);
  }

  public RecoveryFloors floors() {
    return floors;
  }

  /** The forecast for recovering {@code table}, of {@code size} now, by {@code path}, from {@code history}. */
  public DurationForecast forecast(
      String table, TableSize size, RecoveryPath path, List<RestoreObservation> history) {
    return forecast(table, size, Optional.empty(), path, history);
  }

  /**
   * The forecast for recovering {@code table} by {@code path} from {@code history}, at the size DescribeTable
   * gave ({@code described}) or, when that is unknown, at the newest size measured by this product: {@code snapshot}
   * (the items of the table's newest logical snapshot) or the table's own latest restore in {@code history}.
   */
  public DurationForecast forecast(
      String table,
      TableSize described,
      Optional<MeasuredSize> snapshot,
      RecoveryPath path,
      List<RestoreObservation> history) {
    SizeUsed used = sizeUsed(table, described, snapshot, history);
    TableSize size = used.size();
    DurationForecast own = forecast(table, size, path, path, history);
    RecoveryPath sibling = sameMechanism(path);
    DurationForecast chosen = own;
    if (!own.fromHistory() && sibling != null) {
      DurationForecast borrowed = forecast(table, size, path, sibling, history);
      if (borrowed.fromHistory()) {
        chosen =
            new DurationForecast(
                path,
                borrowed.p50(),
                borrowed.p90(),
                DurationForecast.historyBasis(borrowed.runs(), sibling),
                borrowed.runs(),
                borrowed.evidenceEventIds());
      }
    }
    if (used.note() == null || !(chosen.fromHistory() || sizeSetsFloor(path))) {
      return chosen;
    }
    String note =
        used.size().isKnown() || !chosen.fromHistory()
            ? used.note()
            : used.note() + ": runs taken as measured";
    return new DurationForecast(
        path,
        chosen.p50(),
        chosen.p90(),
        chosen.basis() + "; " + note,
        chosen.runs(),
        chosen.evidenceEventIds());
  }

  /** The size a forecast scales to, and what the basis says of it when it is not DescribeTable's (null: nothing). */
  record SizeUsed(TableSize size, String note) {}

  /**
   * DescribeTable's size when known; else the newest measured item count of the table (its newest snapshot's, or its
   * own latest restore's in the history); else unknown.
   */
  static SizeUsed sizeUsed(
      String table,
      TableSize described,
      Optional<MeasuredSize> snapshot,
      List<RestoreObservation> history) {
    if (described.isKnown()) {
      return new SizeUsed(described, null);
    }
    Optional<MeasuredSize> newest = snapshot.filter(MeasuredSize::isKnown);
    for (RestoreObservation o : history) {
      if (o.table().equals(table)
          && o.itemCount() > 0
          && (newest.isEmpty() || o.measuredAt().isAfter(newest.get().at()))) {
        newest =
            Optional.of(
                new MeasuredSize(
                    o.itemCount(), o.measuredAt(), "latest restore", o.sourceEventId()));
      }
    }
    return newest
        .map(
            m ->
                new SizeUsed(
                    m.size(),
                    "size unknown, taken as the "
                        + m.itemCount()
                        + " items of the "
                        + m.what()
                        + " ("
                        + m.at()
                        + ")"))
        .orElseGet(() -> new SizeUsed(TableSize.UNKNOWN, "size unknown"));
  }

  private static boolean sizeSetsFloor(RecoveryPath path) {
    return path == RecoveryPath.SNAPSHOT_IMPORT
        || path == RecoveryPath.CROSS_REGION_SNAPSHOT_IMPORT;
  }

  /**
   * The path done by the same machinery, whose runs stand in when a path has none of its own: a
   * cross-region import is the same import writing to another region; an AWS Backup restore of a
   * DynamoDB table and a PITR restore are both DynamoDB restores into a new table.
   */
  static RecoveryPath sameMechanism(RecoveryPath path) {
    return switch (path) {
      case SNAPSHOT_IMPORT -> RecoveryPath.CROSS_REGION_SNAPSHOT_IMPORT;
      case CROSS_REGION_SNAPSHOT_IMPORT -> RecoveryPath.SNAPSHOT_IMPORT;
      case PITR_RESTORE -> RecoveryPath.AWS_BACKUP_RESTORE;
      case AWS_BACKUP_RESTORE -> RecoveryPath.PITR_RESTORE;
      case REGION_FAILOVER -> null;
    };
  }

  private DurationForecast forecast(
      String table,
      TableSize size,
      RecoveryPath path,
      RecoveryPath measured,
      List<RestoreObservation> history) {
    List<Run> runs = new ArrayList<>();
    for (RestoreObservation o : history) {
      if (o.path() != measured) {
        continue;
      }
      boolean own = o.table().equals(table);
      OptionalDouble ratio = size.ratioTo(o.size());
      if (!own && (ratio.isEmpty() || !similar(ratio.getAsDouble()))) {
        continue;
      }
      double seconds = o.duration().toMillis() / 1000.0;
      if (ratio.isPresent()) {
        seconds *= Math.pow(ratio.getAsDouble(), exponent(path));
      }
      runs.add(new Run(o, seconds, own ? 1.0 : settings.similarTableWeight()));
    }
    if (runs.isEmpty()) {
      return floors.noHistory(path, size);
    }
    downWeightOutliers(runs);
    List<Quantiles.Weighted> sample =
        runs.stream().map(r -> new Quantiles.Weighted(r.seconds, r.weight)).toList();
    Duration minimum = floors.minimum(path, size);
    Duration p50 = max(seconds(Quantiles.quantile(sample, 0.5)), minimum);
    Duration p90 = max(seconds(Quantiles.quantile(sample, 0.9)), p50);
    List<String> evidence =
        runs.stream()
            .sorted(Comparator.comparing((Run r) -> r.observation.measuredAt()))
            .map(r -> r.observation.sourceEventId())
            .toList();
    return new DurationForecast(
        path, p50, p90, DurationForecast.historyBasis(runs.size()), runs.size(), evidence);
  }

  private boolean similar(double ratio) {
    return ratio <= settings.similarSizeFactor() && ratio >= 1 / settings.similarSizeFactor();
  }

  private double exponent(RecoveryPath path) {
    return path == RecoveryPath.SNAPSHOT_IMPORT || path == RecoveryPath.CROSS_REGION_SNAPSHOT_IMPORT
        ? 1.0
        : settings.restoreSizeExponent();
  }

  private void downWeightOutliers(List<Run> runs) {
    if (runs.size() < 3) {
      return;
    }
    double[] values = runs.stream().mapToDouble(r -> r.seconds).toArray();
    double median = Quantiles.median(values);
    double spread = Math.max(Quantiles.MAD_TO_SIGMA * Quantiles.mad(values, median), median / 10);
    if (spread == 0) {
      return;
    }
    for (Run r : runs) {
      if (Math.abs(r.seconds - median) > settings.outlierK() * spread) {
        r.weight *= settings.outlierWeight();
      }
    }
  }

  /**
   * P50 and P90 of a runbook stage (detection, the steps before or after the restore) over the
   * measured runs, or {@code fallback} (both quantiles) when none was measured. Plain quantiles: these
   * stages are short and have no AWS floor.
   */
  public static StageForecast stage(String name, List<StageSample> samples, Duration fallback) {
    if (samples.isEmpty()) {
      return new StageForecast(name, fallback, fallback, 0, List.of());
    }
    List<Quantiles.Weighted> sample =
        samples.stream()
            .map(s -> new Quantiles.Weighted(s.duration().toMillis() / 1000.0, 1))
            .toList();
    Duration p50 = seconds(Quantiles.quantile(sample, 0.5));
    Duration p90 = max(seconds(Quantiles.quantile(sample, 0.9)), p50);
    return new StageForecast(
        name, p50, p90, samples.size(), samples.stream().map(StageSample::eventId).toList());
  }

  /** One measured duration of a runbook stage, with the event it was measured from. */
  public record StageSample(Duration duration, String eventId) {}

  /** P50 / P90 of a runbook stage, and the runs it comes from (0: the configured fallback). */
  public record StageForecast(
      String name, Duration p50, Duration p90, int runs, List<String> evidenceEventIds) {

    public StageForecast {
      evidenceEventIds = List.copyOf(evidenceEventIds);
    }
  }

  private static Duration seconds(double s) {
    return Duration.ofMillis(Math.round(s * 1000));
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static final class Run {
    final RestoreObservation observation;
    final double seconds;
    double weight;

    Run(RestoreObservation observation, double seconds, double weight) {
      this.observation = observation;
      this.seconds = seconds;
      this.weight = weight;
    }
  }
}
