package io.drautopilot.notifier.domain;

import java.util.List;

/**
 * One level of the escalation matrix: who is paged and in which window after detection. The
 * orchestrator decides when a level is reached; this only says who is there.
 *
 * @param toMinutes end of the window, or null for open-ended (level 4: 60+ minutes)
 */
public record EscalationLevel(
    int level, String target, List<String> roles, int fromMinutes, Integer toMinutes) {

  public String window() {
    return toMinutes == null ? fromMinutes + "+ min" : fromMinutes + "–" + toMinutes + " min";
  }
}
