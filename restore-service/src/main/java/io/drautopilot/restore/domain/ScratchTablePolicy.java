package io.drautopilot.restore.domain;

import java.util.List;

/**
 * Which tables a DeleteScratchTableCommand may delete: only names starting with one of the
 * configured prefixes (by default the monthly backup verification's {@code backup-verification-test-}).
 * A runbook typo or a forged command naming a production table is refused before any AWS call.
 */
public record ScratchTablePolicy(List<String> prefixes) {

  public ScratchTablePolicy {
    prefixes = List.copyOf(prefixes);
    if (prefixes.stream().anyMatch(p -> p == null || p.isBlank())) {
      throw new IllegalArgumentException(
          "dr.restore.scratch-table-prefixes: a blank prefix would allow deleting " + "any table");
    }
  }

  public void check(String tableName) {
    if (tableName == null
        || prefixes.stream()
            .noneMatch(p -> tableName.startsWith(p) && tableName.length() > p.length())) {
      throw new RestoreRefusedException(
          "NotAScratchTable",
          "refusing to delete "
              + tableName
              + ": only scratch tables named "
              + prefixes.stream().map(p -> p + "*").toList()
              + " may be deleted");
    }
  }
}
