package io.drautopilot.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drautopilot.audit.Verification.Status;
import io.drautopilot.contracts.timeline.IncidentClosed;
import io.drautopilot.contracts.timeline.StepSucceeded;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class IncidentVerifierTest {

  static final ChainSigner SIGNER = ChainSigner.of(Ed25519Keys.generate().getPrivate());
  final IncidentVerifier verifier = new IncidentVerifier(SIGNER.verifier());

  @Test
  void shouldVerifyAnUntouchedLogWhenReadBackFromKafkaBytes() {
    List<byte[]> log = SampleIncident.encode(SampleIncident.chainedTimeline(SIGNER));

    Verification result = verifier.verifyEncoded(log);

    assertThat(result.status()).isEqualTo(Status.VERIFIED);
    assertThat(result.ok()).isTrue();
    assertThat(result.records()).isEqualTo(5);
    assertThat(result.signingKeyId()).isEqualTo(SIGNER.keyId());
    assertThat(result.head()).matches("[0-9a-f]{64}");
    assertThat(result.summary())
        .startsWith("chain verified: 5 timeline records of incident inc-7f3a");
  }

  @Test
  void shouldVerifyDecodedRecordsWhenGivenAsWritten() {
    assertThat(verifier.verify(SampleIncident.chainedTimeline(SIGNER)).status())
        .isEqualTo(Status.VERIFIED);
  }

  @Test
  void shouldGiveTheSameHashesWhenTheSameRecordsAreChainedAgain() {
    List<SpecificRecord> first = SampleIncident.chainedTimeline(SIGNER);
    List<SpecificRecord> replayed = SampleIncident.chainedTimeline(SIGNER);

    assertThat(first).isEqualTo(replayed);
  }

  @Test
  void shouldReportTheRecordWhenOneByteOfItIsChanged() {
    List<byte[]> log =
        new ArrayList<>(SampleIncident.encode(SampleIncident.chainedTimeline(SIGNER)));
    byte[] tampered = log.get(2).clone();
    int at = indexOf(tampered, "previousState");
    tampered[at] = 'P';
    log.set(2, tampered);

    Verification result = verifier.verifyEncoded(log);

    assertThat(result.status()).isEqualTo(Status.BROKEN);
    assertThat(result.broken().index()).isEqualTo(2);
    assertThat(result.broken().eventId()).isEqualTo("ev-step-1-ok");
    assertThat(result.broken().problem()).contains("was changed");
    assertThat(result.head()).isNull();
  }

  @Test
  void shouldReportTheGapWhenARecordIsDeleted() {
    List<byte[]> log =
        new ArrayList<>(SampleIncident.encode(SampleIncident.chainedTimeline(SIGNER)));
    log.remove(1);

    Verification result = verifier.verifyEncoded(log);

    assertThat(result.status()).isEqualTo(Status.BROKEN);
    assertThat(result.broken().index()).isEqualTo(1);
    assertThat(result.broken().eventId()).isEqualTo("ev-step-1-ok");
    assertThat(result.broken().problem()).contains("missing");
  }

  @Test
  void shouldReportTheFirstMovedRecordWhenTwoRecordsAreSwapped() {
    List<byte[]> log =
        new ArrayList<>(SampleIncident.encode(SampleIncident.chainedTimeline(SIGNER)));
    Collections.swap(log, 1, 2);

    Verification result = verifier.verifyEncoded(log);

    assertThat(result.status()).isEqualTo(Status.BROKEN);
    assertThat(result.broken().index()).isEqualTo(1);
    assertThat(result.broken().eventId()).isEqualTo("ev-step-1-ok");
  }

  @Test
  void shouldReportAnInsertedRecordEvenWhenItsForgerLinkedItCorrectly() {
    List<SpecificRecord> timeline = SampleIncident.chainedTimeline(SIGNER);
    StepSucceeded forged =
        StepSucceeded.newBuilder()
            .setMetadata(SampleIncident.metadata("ev-forged", 5))
            .setAction("validation.validateTable")
            .setOutputs(SampleIncident.unorderedMap("itemsChecked", "50000"))
            .setDurationMillis(77)
            .build();
    HashChain.link(forged, ((StepSucceeded) timeline.get(2)).getMetadata().getChain().getHash());
    List<SpecificRecord> log = new ArrayList<>(timeline);
    log.add(3, forged);

    Verification result = verifier.verifyEncoded(SampleIncident.encode(log));

    assertThat(result.status()).isEqualTo(Status.BROKEN);
    assertThat(result.broken().index()).isEqualTo(4);
    assertThat(result.broken().eventId()).isEqualTo("ev-resolved");
    assertThat(result.broken().problem()).contains("hash of record 2").contains("inserted");
  }

  @Test
  void shouldRefuseTheSignatureWhenAForgerRechainsEverythingAfterAnInsertedRecord() {
    List<SpecificRecord> log = SampleIncident.timelineBeforeClose();
    log.add(
        3,
        StepSucceeded.newBuilder()
            .setMetadata(SampleIncident.metadata("ev-forged", 5))
            .setAction("validation.validateTable")
            .setOutputs(SampleIncident.unorderedMap())
            .setDurationMillis(77)
            .build());
    ChainSigner forger = ChainSigner.of(Ed25519Keys.generate().getPrivate());
    String previous = HashChain.GENESIS;
    for (SpecificRecord record : log) {
      previous = HashChain.link(record, previous).getHash();
    }
    IncidentClosed closed = SampleIncident.close();
    HashChain.close(closed, previous, forger);
    closed.setSigningKeyId(SIGNER.keyId());
    HashChain.link(closed, previous);
    log.add(closed);

    Verification result = verifier.verifyEncoded(SampleIncident.encode(log));

    assertThat(result.status()).isEqualTo(Status.BROKEN);
    assertThat(result.broken().index()).isEqualTo(5);
    assertThat(result.broken().eventId()).isEqualTo("ev-closed");
    assertThat(result.broken().problem()).contains("signature does not verify");
  }

  @Test
  void shouldReportAWrongSignatureWhenTheHeadWasSignedByAnUntrustedKey() {
    ChainSigner other = ChainSigner.of(Ed25519Keys.generate().getPrivate());
    List<SpecificRecord> log = SampleIncident.chainedTimeline(other);

    Verification result = verifier.verifyEncoded(SampleIncident.encode(log));

    assertThat(result.status()).isEqualTo(Status.BROKEN);
    assertThat(result.broken().index()).isEqualTo(4);
    assertThat(result.broken().problem()).contains("not a trusted key").contains(other.keyId());
  }

  @Test
  void shouldReportAWrongSignatureWhenTheSignatureIsReplacedAndTheRecordRehashed() {
    List<SpecificRecord> log = SampleIncident.chainedTimeline(SIGNER);
    IncidentClosed closed = (IncidentClosed) log.get(4);
    closed.setChainSignature(SIGNER.sign("0".repeat(64)));
    HashChain.link(closed, closed.getMetadata().getChain().getPreviousHash());

    Verification result = verifier.verifyEncoded(SampleIncident.encode(log));

    assertThat(result.status()).isEqualTo(Status.BROKEN);
    assertThat(result.broken().index()).isEqualTo(4);
    assertThat(result.broken().problem()).contains("signature does not match the chain head");
  }

  @Test
  void shouldReadAnOldLogAsUnchainedNotBroken() {
    List<SpecificRecord> log = SampleIncident.timelineBeforeClose();
    log.add(SampleIncident.close());

    Verification result = verifier.verifyEncoded(SampleIncident.encode(log));

    assertThat(result.status()).isEqualTo(Status.UNCHAINED);
    assertThat(result.ok()).isTrue();
    assertThat(result.unchainedRecords()).isEqualTo(5);
    assertThat(result.summary()).startsWith("unchained:");
  }

  @Test
  void shouldAcceptAChainThatStartsAfterUnchainedRecordsWhenAnIncidentStraddlesTheUpgrade() {
    List<SpecificRecord> log = SampleIncident.timelineBeforeClose();
    String previous = HashChain.GENESIS;
    for (SpecificRecord record : log.subList(2, log.size())) {
      previous = HashChain.link(record, previous).getHash();
    }
    IncidentClosed closed = SampleIncident.close();
    HashChain.close(closed, previous, SIGNER);
    log.add(closed);

    Verification result = verifier.verifyEncoded(SampleIncident.encode(log));

    assertThat(result.status()).isEqualTo(Status.VERIFIED);
    assertThat(result.unchainedRecords()).isEqualTo(2);
  }

  @Test
  void shouldReportARemovedLinkWhenAChainedRecordLosesItsChain() {
    List<SpecificRecord> log = SampleIncident.chainedTimeline(SIGNER);
    ((StepSucceeded) log.get(2)).getMetadata().setChain(null);

    Verification result = verifier.verifyEncoded(SampleIncident.encode(log));

    assertThat(result.broken().index()).isEqualTo(2);
    assertThat(result.broken().problem()).contains("link was removed");
  }

  @Test
  void shouldReportMissingFirstRecordsWhenTheChainDoesNotStartAtGenesis() {
    List<byte[]> log =
        new ArrayList<>(SampleIncident.encode(SampleIncident.chainedTimeline(SIGNER)));
    log.remove(0);

    Verification result = verifier.verifyEncoded(log);

    assertThat(result.broken().index()).isZero();
    assertThat(result.broken().problem()).contains("first records are missing");
  }

  @Test
  void shouldReportAnythingWrittenAfterTheClose() {
    List<SpecificRecord> log = SampleIncident.chainedTimeline(SIGNER);
    StepSucceeded late =
        StepSucceeded.newBuilder()
            .setMetadata(SampleIncident.metadata("ev-late", 999))
            .setAction("notifier.notifyContacts")
            .setOutputs(SampleIncident.unorderedMap())
            .setDurationMillis(3)
            .build();
    HashChain.link(late, ((IncidentClosed) log.get(4)).getMetadata().getChain().getHash());
    log.add(late);

    Verification result = verifier.verifyEncoded(SampleIncident.encode(log));

    assertThat(result.broken().index()).isEqualTo(5);
    assertThat(result.broken().problem()).contains("follows IncidentClosed");
  }

  @Test
  void shouldReportChainIntactButUnsignedWhenTheIncidentIsStillOpen() {
    List<SpecificRecord> log = SampleIncident.chainedTimeline(SIGNER).subList(0, 4);

    Verification result = verifier.verifyEncoded(SampleIncident.encode(log));

    assertThat(result.status()).isEqualTo(Status.INTACT_OPEN);
    assertThat(result.head())
        .isEqualTo(
            ((io.drautopilot.contracts.timeline.IncidentResolved) log.get(3))
                .getMetadata()
                .getChain()
                .getHash());
  }

  @Test
  void shouldReportAnUnreadableRecordWhenItsBytesAreNotAvro() {
    List<byte[]> log =
        new ArrayList<>(SampleIncident.encode(SampleIncident.chainedTimeline(SIGNER)));
    log.set(3, "not avro".getBytes(StandardCharsets.UTF_8));

    Verification result = verifier.verifyEncoded(log);

    assertThat(result.broken().index()).isEqualTo(3);
    assertThat(result.broken().problem()).contains("cannot be read");
  }

  @Test
  void shouldRefuseAnEmptyTimeline() {
    assertThatThrownBy(() -> verifier.verifyEncoded(List.of()))
        .hasMessageContaining("no timeline records");
  }

  @Test
  void shouldRefuseToLinkAfterSomethingThatIsNotAHash() {
    assertThatThrownBy(() -> HashChain.link(SampleIncident.close(), "abc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("64 lowercase hex digits");
  }

  static int indexOf(byte[] haystack, String needle) {
    byte[] n = needle.getBytes(StandardCharsets.UTF_8);
    outer:
    for (int i = 0; i + n.length <= haystack.length; i++) {
      for (int j = 0; j < n.length; j++) {
        if (haystack[i + j] != n[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError(needle + " not found");
  }
}
