package io.drautopilot.restore.domain;

import io.drautopilot.restore.domain.RecoveryPathDecision.TableForecast;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The latest readiness assessment of each table, as readiness-service last published it: the forecasts
 * {@code restore.chooseRecoveryPath} weighs the paths by. Kept in memory and rebuilt from the compacted
 * topic at start-up, so it needs no store of its own; an assessment older than the one held (a replay
 * out of order) does not replace it.
 */
public class LatestForecasts {

  private final ConcurrentMap<String, TableForecast> byTable = new ConcurrentHashMap<>();

  public void record(String table, TableForecast forecast) {
    byTable.merge(
        table,
        forecast,
        (held, offered) -> offered.assessedAt().isBefore(held.assessedAt()) ? held : offered);
  }

  public Optional<TableForecast> of(String table) {
    return Optional.ofNullable(byTable.get(table));
  }
}
