import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.regiongate.config.RedactionAction;
import io.regiongate.redaction.DetectorCatalog;
import io.regiongate.redaction.PiiScanner;
import io.regiongate.redaction.PromptRedactor;
import io.regiongate.redaction.RedactionProfile;
import io.regiongate.redaction.RedactionSession;
import io.regiongate.redaction.TenantRedaction;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The redaction step's own cost (bench/redaction.sh): PromptRedactor.apply, as the redact-prompt step
 * runs it, on prompts of 1 KB, 10 KB and 100 KB of ordinary business text with a few personal values
 * (one e-mail, phone, IBAN or tax id per ~500 bytes), with the GDPR profile of the README; then the
 * 10 KB prompt's text scanned by each of the profile's detectors alone.
 *
 *   java [-Dpart=sizes|detectors] -cp regiongate.jar bench/RedactionCost.java [ITERATIONS]
 *
 * One JVM's figures are not the machine's: on the reference machine the same code runs about 1.6
 * times slower in some JVMs than in others, from start to end (redaction.sh runs several).
 */
public class RedactionCost {

    static final String[] PROSE = {
            "Thanks for the update on the quarterly figures; the team will review them on Monday. ",
            "Order ORD-2024-118844 shipped on 2024-03-15 and should arrive within 3 to 5 business days. ",
            "We sold 4,512 units in Q3 2025, up 12.5% year on year, mostly in the northern region. ",
            "Please summarise the attached meeting notes in five bullet points for the board. ",
            "The build 3f2a9c1d failed after 412 s on node-17; retry with version 2.14.3 of the plugin. ",
            "for (int i = 0; i < 1000; i++) { total += values[i] * 42; } // see RFC 7231 ",
    };
    static final String[] PII = {
            "Contact anna.schmidt@example.de for details. ", "Call me on +49 30 901820 tomorrow. ",
            "IBAN DE89 3704 0044 0532 0130 00 for the deposit. ", "Meine Steuer-ID ist 86095742719. ",
            "Ruf an: 030 12345678. ", "Codice fiscale RSSMRA85T10A562S. ",
    };

    static final List<String> COUNTRIES = List.of("DE", "FR", "IT", "ES", "NL", "PL");

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        List<String> names = List.of(System.getProperty("detectors", "email,phone,iban,payment-card,ip-address,eu-national-id").split(","));
        RedactionProfile gdpr = new RedactionProfile("gdpr", RedactionAction.REDACT, new PiiScanner(DetectorCatalog.detectors(
                names, COUNTRIES, Map.of())));
        TenantRedaction policy = new TenantRedaction(gdpr, true, true, true);
        String part = System.getProperty("part", "all");
        if (!part.equals("detectors")) {
            sizes(policy, iterations);
        }
        if (!part.equals("sizes")) {
            perDetector(names, iterations);
        }
    }

    static void sizes(TenantRedaction policy, int iterations) {
        System.out.println("| prompt | p50 | p90 | p99 | mean | values found |");
        System.out.println("|---|---|---|---|---|---|");
        // the three sizes take turns, in the warm-up and in the measured runs, so that each is measured
        // with the code compiled for all of them (as a runtime serving prompts of every size is)
        int[] sizes = {1, 10, 100};
        ObjectNode[] bodies = new ObjectNode[sizes.length];
        long[][] nanos = new long[sizes.length][];
        int[] found = new int[sizes.length];
        for (int s = 0; s < sizes.length; s++) {
            bodies[s] = prompt(sizes[s] * 1024, new Random(sizes[s]));
            nanos[s] = new long[sizes[s] == 100 ? (iterations + 9) / 10 : iterations];   // 100 KB: every tenth round
        }
        PromptRedactor redactor = new PromptRedactor(1 << 20);
        for (int round = -iterations; round < iterations; round++) {
            for (int s = 0; s < sizes.length; s++) {
                boolean measured = round >= 0;
                if (sizes[s] == 100 && Math.floorMod(round, 10) != 0) {
                    continue;
                }
                RedactionSession session = new RedactionSession(policy, 1 << 20, 256);
                long start = System.nanoTime();
                redactor.apply(bodies[s], session);
                long took = System.nanoTime() - start;
                if (measured) {
                    nanos[s][sizes[s] == 100 ? round / 10 : round] = took;
                    found[s] = session.counts().values().stream().mapToInt(Integer::intValue).sum();
                }
            }
        }
        for (int s = 0; s < sizes.length; s++) {
            long[] sorted = nanos[s];
            int runs = sorted.length;
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "| %d KB | %.3f ms | %.3f ms | %.3f ms | %.3f ms | %d |%n", sizes[s], sorted[runs / 2] / 1e6,
                    sorted[runs * 9 / 10] / 1e6, sorted[runs * 99 / 100] / 1e6, Arrays.stream(sorted).average().orElse(0) / 1e6, found[s]);
        }
    }

    /** The 10 KB prompt's text scanned by each detector alone (the scan only: no JSON, no replacing). */
    static void perDetector(List<String> names, int iterations) {
        String text = prompt(10 * 1024, new Random(10)).get("messages").get(1).get("content").asText();
        System.out.println();
        System.out.println("| detector (10 KB prompt, alone) | p50 | values found |");
        System.out.println("|---|---|---|");
        // the first pass warms every detector (and the pre-scan they share) up; the second is measured
        for (int pass = 0; pass < 2; pass++) {
            for (String group : names) {
                for (String name : DetectorCatalog.GROUPS.getOrDefault(group, List.of(group))) {
                    PiiScanner scanner = new PiiScanner(DetectorCatalog.detectors(List.of(name), COUNTRIES, Map.of()));
                    long[] nanos = new long[iterations];
                    int found = 0;
                    for (int i = 0; i < iterations; i++) {
                        long start = System.nanoTime();
                        found = scanner.scan(text).size();
                        nanos[i] = System.nanoTime() - start;
                    }
                    Arrays.sort(nanos);
                    if (pass == 1) {
                        System.out.printf(Locale.ROOT, "| `%s` | %.3f ms | %d |%n", name, nanos[iterations / 2] / 1e6, found);
                    }
                }
            }
        }
    }

    static ObjectNode prompt(int bytes, Random random) {
        StringBuilder text = new StringBuilder();
        while (text.length() < bytes) {
            text.append(random.nextInt(5) == 0 ? PII[random.nextInt(PII.length)] : PROSE[random.nextInt(PROSE.length)]);
        }
        ObjectNode body = new ObjectMapper().createObjectNode().put("model", "gpt-4o");
        ArrayNode messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", "You are a helpful assistant.");
        messages.addObject().put("role", "user").put("content", text.substring(0, bytes));
        return body;
    }
}
