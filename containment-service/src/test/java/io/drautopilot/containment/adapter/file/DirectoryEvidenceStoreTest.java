package io.drautopilot.containment.adapter.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drautopilot.containment.domain.EvidenceStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryEvidenceStoreTest {

  @TempDir Path root;
  @TempDir Path staging;

  @Test
  void shouldStoreOnceAndNeverOverwriteEvidence() throws Exception {
    DirectoryEvidenceStore store = new DirectoryEvidenceStore(root);
    Path first = Files.writeString(staging.resolve("first"), "{\"a\":1}\n{\"a\":2}\n");
    Path second = Files.writeString(staging.resolve("second"), "tampered\n");

    EvidenceStore.Stored stored = store.putIfAbsent("inc-1/audit.jsonl", first, "sha-of-first", 2);
    EvidenceStore.Stored again = store.putIfAbsent("inc-1/audit.jsonl", second, "sha-of-second", 1);

    assertThat(Files.readString(root.resolve("inc-1/audit.jsonl")))
        .isEqualTo("{\"a\":1}\n{\"a\":2}\n");
    assertThat(again.records()).isEqualTo(2);
    assertThat(again.sha256()).isEqualTo(store.find("inc-1/audit.jsonl").orElseThrow().sha256());
    assertThat(stored.location()).isEqualTo(again.location());
    try (var files = Files.list(root.resolve("inc-1"))) {
      assertThat(files).hasSize(1);
    }
  }

  @Test
  void shouldFindNothingBeforeTheFirstExport() {
    assertThat(new DirectoryEvidenceStore(root).find("inc-2/audit.jsonl")).isEmpty();
  }

  @Test
  void shouldRefuseANameOutsideTheStore() {
    assertThatThrownBy(() -> new DirectoryEvidenceStore(root).find("../elsewhere"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
