package io.regiongate.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Scores every detector on the labelled corpus ({@link PiiCorpusGenerator}) and prints the per-type
 * table: recall at least 0.99 for checksum-validated types and 0.95 for the others, precision at
 * least 0.98 overall. A planted value counts as found when a match of its type covers exactly its
 * characters; any other match is a false positive of the match's type.
 */
class PiiCorpusScoreTest {

    static final Path CORPUS = Path.of("src/test/resources/redaction/pii-corpus.tsv");
    static final Set<String> CHECKSUM_TYPES = Set.of("iban", "payment-card", "us-routing-number", "de-tax-id", "fr-nir",
            "it-codice-fiscale", "es-dni", "nl-bsn", "pl-pesel");

    private static final Map<String, int[]> SCORES = new TreeMap<>();
    private static List<String> lines;

    @BeforeAll
    static void score() throws IOException {
        lines = Files.readAllLines(CORPUS, StandardCharsets.UTF_8);
        PiiScanner scanner = new PiiScanner(DetectorCatalog.detectors(List.copyOf(DetectorCatalog.knownNames()),
                List.of(PiiCorpusGenerator.PHONE_REGIONS), Map.of()));
        for (String line : lines) {
            String[] fields = line.split("\t", 4);
            String kind = fields[0];
            String type = fields[1];
            String value = fields[2];
            String text = fields[3];
            List<PiiMatch> matches = new ArrayList<>(scanner.scan(text));
            if ("plant".equals(kind)) {
                int at = text.indexOf(value);
                boolean found = matches.removeIf(match -> match.type().name().equals(type) && match.start() == at
                        && match.end() == at + value.length());
                score(type)[found ? 0 : 1]++;
            }
            matches.forEach(match -> score(match.type().name())[2]++);
            if (Boolean.getBoolean("pii.corpus.show") && !matches.isEmpty()) {
                matches.forEach(match -> System.out.println("FP " + match.type().name() + " ["
                        + text.substring(match.start(), match.end()) + "] in: " + line));
            }
        }
        System.out.println(table());
    }

    private static int[] score(String type) {
        return SCORES.computeIfAbsent(type, name -> new int[3]);
    }

    static String table() {
        StringBuilder out = new StringBuilder("| type | planted | found | missed | false positives | recall | precision |\n"
                + "|---|---|---|---|---|---|---|\n");
        int tp = 0;
        int fp = 0;
        for (Map.Entry<String, int[]> entry : SCORES.entrySet()) {
            int[] s = entry.getValue();
            tp += s[0];
            fp += s[2];
            out.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %.4f | %.4f |%n", entry.getKey(), s[0] + s[1],
                    s[0], s[1], s[2], recall(s), precision(s)));
        }
        out.append(String.format(Locale.ROOT, "| **all** (%d lines) | | %d | | %d | | %.4f |%n", lines.size(), tp, fp,
                tp + fp == 0 ? 1.0 : (double) tp / (tp + fp)));
        return out.toString();
    }

    private static double recall(int[] s) {
        return s[0] + s[1] == 0 ? 1.0 : (double) s[0] / (s[0] + s[1]);
    }

    private static double precision(int[] s) {
        return s[0] + s[2] == 0 ? 1.0 : (double) s[0] / (s[0] + s[2]);
    }

    @Test
    void theCorpusIsTheGeneratorsOutputAndLargeEnough() throws IOException {
        List<String> generated = PiiCorpusGenerator.generate();
        if (Boolean.getBoolean("pii.corpus.regenerate")) {
            Files.write(CORPUS, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.readAllLines(CORPUS, StandardCharsets.UTF_8)).isEqualTo(generated);
        assertThat(generated).hasSizeGreaterThanOrEqualTo(10_000);
    }

    @Test
    void checksumValidatedTypesFindAtLeast99PercentOfPlantedValues() {
        CHECKSUM_TYPES.forEach(type -> assertThat(recall(score(type))).as(type + "\n" + table()).isGreaterThanOrEqualTo(0.99));
    }

    @Test
    void otherTypesFindAtLeast95PercentOfPlantedValues() {
        SCORES.keySet().stream().filter(type -> !CHECKSUM_TYPES.contains(type))
                .forEach(type -> assertThat(recall(score(type))).as(type + "\n" + table()).isGreaterThanOrEqualTo(0.95));
    }

    @Test
    void precisionOverAllTypesIsAtLeast98Percent() {
        int tp = SCORES.values().stream().mapToInt(s -> s[0]).sum();
        int fp = SCORES.values().stream().mapToInt(s -> s[2]).sum();
        assertThat((double) tp / (tp + fp)).as(table()).isGreaterThanOrEqualTo(0.98);
    }
}
