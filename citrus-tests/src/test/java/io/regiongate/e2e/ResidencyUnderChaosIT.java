package io.regiongate.e2e;

import static io.regiongate.e2e.support.Deployment.EU;
import static io.regiongate.e2e.support.Deployment.US;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpHandler;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayConfigFile.Upstream;
import io.regiongate.e2e.support.GatewayProcess;
import io.regiongate.e2e.support.RawHttp;
import io.regiongate.e2e.support.ScriptedUpstream;
import io.regiongate.e2e.support.TestTenant;
import io.regiongate.e2e.support.VendorReplies;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Residency at scale, under outages: an EU tenant (cross-border never) and a US tenant (allowed)
 * send JSON and streamed requests, each with its own marker, to both regions' runtimes, while the
 * EU upstream fails on and off and the EU runtime is killed and restarted. Afterwards no file the US
 * runtime wrote (its audit journal, its log) holds any EU prompt's marker or the hash its record
 * would keep. {@code bench/chaos.sh} runs thousands ({@code regiongate.chaos.residency-requests});
 * this runs 200.
 */
class ResidencyUnderChaosIT {

    private static final int REQUESTS = Integer.getInteger("regiongate.chaos.residency-requests", 200);
    private static final TestTenant ACME_EU = TestTenant.acmeEu();
    private static final TestTenant GLOBEX_US = TestTenant.of("globex-us", "us");
    private static final String EU_PRIMARY = "eu-primary";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final Deployment deployment = Deployment.twoRegions("chaos-residency")
            .tenant(ACME_EU, "never")
            .tenant(GLOBEX_US, "allowed")
            .upstream(Upstream.openAi(EU_PRIMARY, EU), healthy("eu"))
            .upstream(Upstream.openAi("us-primary", US), healthy("us"));

    private static HttpHandler healthy(String where) {
        return ScriptedUpstream.byStreamFlag(
                ScriptedUpstream.answering(200, VendorReplies.completionJson("chatcmpl-" + where, "served in " + where), Map.of()),
                ScriptedUpstream.streaming(VendorReplies.streamEvents("chatcmpl-s-" + where, List.of("served", where))));
    }

    @Test
    @Timeout(value = 1800, unit = TimeUnit.SECONDS)
    void noEuPromptNorItsHashIsEverWrittenInTheUsWhateverFails() throws Exception {
        Random random = new Random(20261202L);
        List<String> euMarkers = java.util.Collections.synchronizedList(new ArrayList<>());
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(6);
        List<Future<?>> sent = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            boolean euTenant = random.nextBoolean();
            boolean toUs = random.nextBoolean();
            boolean stream = random.nextBoolean();
            String marker = (euTenant ? "eu-secret-" : "us-prompt-") + i + "-" + Long.toHexString(random.nextLong());
            if (euTenant) {
                euMarkers.add(marker);
            }
            String body = "{\"model\":\"gpt-4o\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\""
                    + marker + "\"}]}";
            TestTenant tenant = euTenant ? ACME_EU : GLOBEX_US;
            int port = (toUs ? deployment.us() : deployment.eu()).port();
            sent.add(clients.submit(() -> statuses.merge(RawHttp.exchange(port, RawHttp.request("POST",
                    "/v1/chat/completions", body.getBytes(StandardCharsets.UTF_8), "Authorization: " + tenant.bearer(),
                    "Content-Type: application/json"), 20_000).status(), 1, Integer::sum)));
            chaos(i);
        }
        for (Future<?> request : sent) {
            request.get(120, TimeUnit.SECONDS);
        }
        clients.shutdownNow();
        System.out.println("[e2e] residency under chaos: " + REQUESTS + " requests, statuses " + new TreeMap<>(statuses));

        // then nothing of an EU prompt is in any file of the US runtime
        GatewayProcess usRuntime = deployment.us();
        long leaks = 0;
        for (String marker : euMarkers) {
            for (String needle : List.of(marker, messagesSha256(marker))) {
                if (!usRuntime.filesContaining(needle).isEmpty()) {
                    leaks++;
                    System.out.println("[e2e] LEAK: " + needle + " in " + usRuntime.filesContaining(needle));
                }
            }
        }
        System.out.println("[e2e] residency under chaos: " + euMarkers.size() + " EU prompts, leaks into the US: " + leaks);
        assertThat(leaks).as("EU prompts or their hashes in the US runtime's files").isZero();
    }

    /** Every quarter of the run the EU upstream fails or recovers; at the middle the EU runtime is killed, then restarted. */
    private static void chaos(int i) {
        int quarter = Math.max(1, REQUESTS / 4);
        if (i % quarter == quarter / 2) {
            deployment.vendor(EU_PRIMARY).become((i / quarter) % 2 == 0 ? VendorReplies.fails(500) : healthy("eu"));
        }
        if (i == REQUESTS / 2) {
            deployment.eu().kill();
        }
        if (i == REQUESTS / 2 + Math.max(1, REQUESTS / 10)) {
            deployment.restart(EU);
        }
    }

    private static String messagesSha256(String marker) throws Exception {
        String messages = JSON.readTree("[{\"role\":\"user\",\"content\":\"" + marker + "\"}]").toString();
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(messages.getBytes(StandardCharsets.UTF_8)));
    }
}
