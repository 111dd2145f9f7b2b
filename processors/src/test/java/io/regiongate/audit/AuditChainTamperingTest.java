package io.regiongate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The evidence-grade chain against an insider who can write the trail but holds neither the chain
 * secret nor the signing key: each of the four tamperings is found, and named, by the holder of the
 * chain key and by an auditor holding only the public key; an untouched trail, across restarts
 * and a killed writer, verifies.
 */
class AuditChainTamperingTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final AuditChainKey KEY = AuditChainKey.of("the-region-audit-chain-secret-0123456789");
    private static final AuditChainKey GUESSED = AuditChainKey.of("an-insiders-guess-at-the-secret-0123456789");
    private static final AuditSigningKey SIGNING = signingKey();
    private static final AuditPublicKeys PUBLIC = AuditPublicKeys.of(List.of(SIGNING.publicKey()));

    /**
     * One writer's run: a first checkpoint, then records with a checkpoint after every 3 (checkpoints
     * count), a last checkpoint when it stops cleanly. Run a (4 records): cp 1, req 2-3, cp 4,
     * req 5-6, cp 7, last cp 8.
     */
    private static final class Run {
        final AuditChain chain;
        final List<String> lines = new ArrayList<>();
        AuditChain.Linked last;

        Run(String writer, Run previous) {
            chain = new AuditChain("eu-west-1/" + writer, previous == null ? null : previous.last.link(), KEY,
                    new AuditCheckpoints(SIGNING, 3, Duration.ofSeconds(60), Clock.fixed(T0, ZoneOffset.UTC)));
            add(AuditEvent.checkpointRequest("eu-west-1", T0, false));
        }

        Run records(int count) {
            for (int i = 1; i <= count; i++) {
                add(AuditFixtures.record("req_" + chain.writer().substring(10) + "_" + i));
                if (chain.checkpoints().claim()) {
                    add(AuditEvent.checkpointRequest("eu-west-1", T0, false));
                }
            }
            return this;
        }

        Run stop() {
            add(AuditEvent.checkpointRequest("eu-west-1", T0, true));
            return this;
        }

        private void add(AuditEntry entry) {
            last = chain.link(entry);
            lines.add(last.json());
        }
    }

    private static AuditTrailReport verify(List<String> lines, List<AuditChainKey> keys, AuditPublicKeys publicKeys,
                                           Instant now) {
        AuditTrailVerifier verifier = new AuditTrailVerifier(keys, publicKeys, Clock.fixed(now, ZoneOffset.UTC));
        for (int i = 0; i < lines.size(); i++) {
            verifier.accept("journal.jsonl:" + (i + 1), lines.get(i));
        }
        return verifier.report();
    }

    private static AuditTrailReport withChainKey(List<String> lines) {
        return verify(lines, List.of(KEY), AuditPublicKeys.none(), T0.plusSeconds(10));
    }

    private static AuditTrailReport withPublicKeyOnly(List<String> lines) {
        return verify(lines, List.of(), PUBLIC, T0.plusSeconds(10));
    }

    /** Three runs: a stops cleanly, b is killed (no last checkpoint), c continues b and stops cleanly. */
    private static List<List<String>> threeRuns() {
        Run a = new Run("a", null).records(4).stop();
        Run b = new Run("b", a).records(5);
        Run c = new Run("c", b).records(2).stop();
        return List.of(a.lines, b.lines, c.lines);
    }

    private static List<String> joined(List<List<String>> runs) {
        return runs.stream().flatMap(List::stream).toList();
    }

    @Test
    void anUntouchedTrailAcrossACleanStopAndAKilledWriterVerifiesWithTheChainKeyAndWithThePublicKeyAlone() {
        List<String> trail = joined(threeRuns());

        AuditTrailReport keyed = withChainKey(trail);
        AuditTrailReport signed = withPublicKeyOnly(trail);
        AuditTrailReport both = verify(trail, List.of(KEY), PUBLIC, T0.plus(Duration.ofDays(30)));

        assertThat(keyed.ok()).as(keyed.render()).isTrue();
        assertThat(signed.ok()).as(signed.render()).isTrue();
        assertThat(both.ok()).as("a finished trail stays verifiable a month later: " + both.render()).isTrue();
        assertThat(signed.notes()).anySatisfy(note -> assertThat(note).contains("writer eu-west-1/a: 4 of 4 checkpoint(s) "
                + "verified with the public key; seq 1..7 covered by them"));
    }

    @Test
    void aKeyedTrailIsNotCalledVerifiedWithoutAnyKey() {
        AuditTrailReport report = verify(joined(threeRuns()), List.of(), AuditPublicKeys.none(), T0);

        assertThat(report.ok()).isFalse();
        assertThat(report.unkeyed()).hasSize(3).first().asString()
                .contains("keyed under chain key " + KEY.keyId(), "--chain-key-env", "--public-key");
    }

    @Test
    void aRecordEditedWithEveryLaterLinkRecomputedIsFoundAndNamed() throws Exception {
        List<List<String>> runs = threeRuns();
        List<String> a = new ArrayList<>(runs.get(0));
        int edited = 2;   // seq 3, the second record
        a.set(edited, a.get(edited).replace("\"status\":200", "\"status\":204"));
        relink(a, edited, GUESSED);
        List<String> trail = joined(List.of(a, runs.get(1), runs.get(2)));

        AuditTrailReport keyed = withChainKey(trail);
        AuditTrailReport signed = withPublicKeyOnly(trail);

        assertThat(keyed.ok()).isFalse();
        assertThat(keyed.altered()).first().asString()
                .contains("journal.jsonl:3 (writer eu-west-1/a seq 3", "does not match its HMAC");
        assertThat(signed.ok()).isFalse();
        assertThat(signed.altered()).anySatisfy(finding -> assertThat(finding)
                .startsWith("writer eu-west-1/a seq 1..3: not the records the checkpoint journal.jsonl:4"));
    }

    @Test
    void aWholeWritersRunDeletedIsFoundAndTheRelinkedNextWriterToo() throws Exception {
        List<List<String>> runs = threeRuns();
        List<String> deleted = joined(List.of(runs.get(0), runs.get(2)));
        List<String> c = new ArrayList<>(runs.get(2));
        String aLast = AuditJson.parse(runs.get(0).get(runs.get(0).size() - 1)).path("chain").path("hash").asText();
        ObjectNode first = (ObjectNode) AuditJson.parse(c.get(0));
        ((ObjectNode) first.get("chain")).put("prev", aLast);
        c.set(0, first.toString());
        relink(c, 0, GUESSED);
        List<String> relinked = joined(List.of(runs.get(0), c));

        AuditTrailReport plain = withChainKey(deleted);
        AuditTrailReport relinkedKeyed = withChainKey(relinked);
        AuditTrailReport relinkedSigned = withPublicKeyOnly(relinked);

        assertThat(plain.unlinked()).singleElement().asString()
                .contains("writer eu-west-1/c seq 1", "the writers in between are missing");
        assertThat(relinkedKeyed.altered()).first().asString().contains("writer eu-west-1/c seq 1");
        assertThat(relinkedSigned.checkpoints()).anySatisfy(finding -> assertThat(finding)
                .contains("writer eu-west-1/c seq 1, checkpoint", "signs the link to the previous writer"));
    }

    @Test
    void aTailCutAfterTheLastCheckpointIsFoundOnceTheIntervalHasPassed() {
        List<List<String>> runs = threeRuns();
        List<String> c = runs.get(2);
        List<String> cut = joined(List.of(runs.get(0), runs.get(1), c.subList(0, c.size() - 2)));

        AuditTrailReport later = verify(cut, List.of(KEY), PUBLIC, T0.plusSeconds(121));
        AuditTrailReport soon = verify(cut, List.of(KEY), PUBLIC, T0.plusSeconds(30));

        assertThat(later.ok()).isFalse();
        assertThat(later.tails()).singleElement().asString().contains("writer eu-west-1/c: its records end at seq 3",
                "without its last checkpoint", "last checkpoint (seq 1", "records after seq 1 were cut");
        assertThat(soon.ok()).as("within the interval the writer may still be running: " + soon.render()).isTrue();
        assertThat(soon.notes()).anySatisfy(note -> assertThat(note).contains("writer eu-west-1/c is running: seq 2..3 "
                + "not signed yet"));
    }

    @Test
    void aRecordWithAPrependedDuplicateKeyIsRefusedAndNamed() {
        List<String> trail = new ArrayList<>(joined(threeRuns()));
        trail.set(1, "{\"status\":500," + trail.get(1).substring(1));

        AuditTrailReport report = withChainKey(trail);

        assertThat(report.ok()).isFalse();
        assertThat(report.unreadable()).singleElement().asString()
                .contains("journal.jsonl:2 (writer eu-west-1/a seq 2)", "duplicate key 'status'");
    }

    @Test
    void aCheckpointWithAForgedSignatureOrAnUnknownKeyIsFound() throws Exception {
        List<String> trail = new ArrayList<>(joined(threeRuns()));
        ObjectNode checkpoint = (ObjectNode) AuditJson.parse(trail.get(3));
        ((ObjectNode) checkpoint.get("checkpoint")).put("every", 1000000);
        trail.set(3, checkpoint.toString());

        AuditTrailReport forged = verify(trail, List.of(), PUBLIC, T0);
        AuditTrailReport otherKey = verify(joined(threeRuns()), List.of(),
                AuditPublicKeys.of(List.of(signingKey().publicKey())), T0);

        assertThat(forged.checkpoints()).anySatisfy(finding -> assertThat(finding)
                .contains("journal.jsonl:4 (writer eu-west-1/a seq 4, checkpoint)", "signature does not verify"));
        assertThat(otherKey.checkpoints()).first().asString().contains("not among the public keys given");
    }

    @Test
    void plainRecordsAreRefusedWhereAChainKeyIsExpected() {
        AuditTrailReport report = withChainKey(AuditFixtures.chainedLines("eu-west-1/old", 3));

        assertThat(report.ok()).isFalse();
        assertThat(report.unkeyed()).singleElement().asString().contains("3 record(s) chained with plain SHA-256");
    }

    @Test
    void theSigningKeysPublicKeyIsTheOneItsPairHasAndVerifiesItsSignatures() throws Exception {
        var pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        AuditSigningKey key = AuditSigningKey.fromPem(pem(pair.getPrivate().getEncoded()), "test");

        assertThat(key.publicKey().getEncoded()).isEqualTo(pair.getPublic().getEncoded());
        assertThat(AuditPublicKeys.verifies(pair.getPublic(), "text", key.sign("text"))).isTrue();
        assertThat(AuditPublicKeys.verifies(pair.getPublic(), "other", key.sign("text"))).isFalse();
        assertThat(key.publicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----\n");
    }

    @Test
    void contentDigestsAreKeyedSoAGuessCannotBeConfirmedWithoutTheSecret() {
        String sha = AuditJson.sha256Hex("[{\"role\":\"user\",\"content\":\"yes\"}]");

        assertThat(KEY.contentHmac(sha)).hasSize(64).isNotEqualTo(sha).isNotEqualTo(GUESSED.contentHmac(sha))
                .isEqualTo(KEY.contentHmac(sha));
        assertThat(KEY.contentHmac(sha)).isNotEqualTo(KEY.chainHmac(sha));
    }

    @Test
    void aShortChainSecretIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AuditChainKey.of("short"))
                .hasMessageContaining("at least 32 characters");
    }

    /** Recomputes the links of one writer's lines from {@code from} on, as an insider without the secret can. */
    private static void relink(List<String> lines, int from, AuditChainKey guess) throws Exception {
        String prev = from == 0 ? null : AuditJson.parse(lines.get(from - 1)).path("chain").path("hash").asText();
        for (int i = from; i < lines.size(); i++) {
            ObjectNode record = (ObjectNode) AuditJson.parse(lines.get(i));
            ObjectNode chain = (ObjectNode) record.get("chain");
            if (prev != null) {
                chain.put("prev", prev);
            }
            prev = guess.chainHmac(AuditJson.canonical(record));
            chain.put("hash", prev);
            lines.set(i, AuditJson.jcs(record));
        }
    }

    private static AuditSigningKey signingKey() {
        try {
            return AuditSigningKey.fromPem(pem(KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate()
                    .getEncoded()), "test");
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(byte[] pkcs8) {
        return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pkcs8) + "\n-----END PRIVATE KEY-----\n";
    }
}
