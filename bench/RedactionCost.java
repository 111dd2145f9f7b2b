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
 *   java -cp regiongate.jar bench/RedactionCost.java [ITERATIONS]
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
        System.out.println("| prompt | p50 | p90 | p99 | mean | values found |");
        System.out.println("|---|---|---|---|---|---|");
        for (int kb : new int[] {1, 10, 100}) {
            ObjectNode body = prompt(kb * 1024, new Random(kb));
            PromptRedactor redactor = new PromptRedactor(1 << 20);
            int runs = kb == 100 ? Math.max(50, iterations / 10) : iterations;
            for (int i = 0; i < runs; i++) {
                redactor.apply(body, new RedactionSession(policy, 1 << 20, 256));
            }
            long[] nanos = new long[runs];
            int found = 0;
            for (int i = 0; i < runs; i++) {
                RedactionSession session = new RedactionSession(policy, 1 << 20, 256);
                long start = System.nanoTime();
                redactor.apply(body, session);
                nanos[i] = System.nanoTime() - start;
                found = session.counts().values().stream().mapToInt(Integer::intValue).sum();
            }
            Arrays.sort(nanos);
            System.out.printf(Locale.ROOT, "| %d KB | %.3f ms | %.3f ms | %.3f ms | %.3f ms | %d |%n", kb, nanos[runs / 2] / 1e6,
                    nanos[runs * 9 / 10] / 1e6, nanos[runs * 99 / 100] / 1e6, Arrays.stream(nanos).average().orElse(0) / 1e6, found);
        }
        perDetector(names, iterations);
    }

    /** The 10 KB prompt's text scanned by each detector alone (the scan only: no JSON, no replacing). */
    static void perDetector(List<String> names, int iterations) {
        String text = prompt(10 * 1024, new Random(10)).get("messages").get(1).get("content").asText();
        System.out.println();
        System.out.println("| detector (10 KB prompt, alone) | p50 | values found |");
        System.out.println("|---|---|---|");
        for (String group : names) {
            for (String name : DetectorCatalog.GROUPS.getOrDefault(group, List.of(group))) {
                PiiScanner scanner = new PiiScanner(DetectorCatalog.detectors(List.of(name), COUNTRIES, Map.of()));
                long[] nanos = new long[iterations];
                int found = 0;
                for (int i = -iterations; i < iterations; i++) {
                    long start = System.nanoTime();
                    found = scanner.scan(text).size();
                    if (i >= 0) {
                        nanos[i] = System.nanoTime() - start;
                    }
                }
                Arrays.sort(nanos);
                System.out.printf(Locale.ROOT, "| `%s` | %.3f ms | %d |%n", name, nanos[iterations / 2] / 1e6, found);
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
