package io.regiongate.e2e;

import static io.regiongate.e2e.support.Deployment.EU;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.regiongate.camel.RegionGateConstants;
import io.regiongate.e2e.support.AdminUsage;
import io.regiongate.e2e.support.Deployment;
import io.regiongate.e2e.support.GatewayConfigFile.Upstream;
import io.regiongate.e2e.support.PacedEventStream;
import io.regiongate.e2e.support.Poll;
import io.regiongate.e2e.support.TestTenant;
import io.regiongate.e2e.support.VendorReplies;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.processor.aggregate.GroupedBodyAggregationStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenario 4 of the embedding issue: a streamed chat request through {@code regiongate:chat} in a
 * host Camel context answers with an iterator of the stream's events. A host route splitting it
 * ({@code split(body()).streaming()}) receives every event, in order; a host that stops reading
 * after three events and closes the iterator stops the vendor's stream long before its end, and
 * the tenant is charged what was generated until then, not the whole completion.
 */
class ComponentStreamingIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Charged for the slow stream (the first tenant: the quotas are its). */
    private static final TestTenant TENANT = TestTenant.acmeEu();
    /** Reads the short stream: its charge never mixes with the other scenario's. */
    private static final TestTenant READER = TestTenant.of("initech-eu", "eu");
    private static final String ADMIN_TOKEN = "admin-" + UUID.randomUUID();
    private static final long DAY_BUDGET = 1_000_000;
    private static final int MAX_TOKENS = 5000;
    private static final List<String> WORDS = List.of("Every", "event", "reaches", "the", "host", "in", "order");
    private static final int WORDS_PER_CHUNK = 10;
    private static final String CHUNK = "alpha bravo charlie delta echo foxtrot golf hotel india juliet";
    private static final int CHUNKS = 100;
    private static final int EVENTS_READ = 3;
    private static final long FULL_COMPLETION_TOKENS = (long) CHUNKS * WORDS_PER_CHUNK;

    /** 100 chunks 200 ms apart, the usage chunk, then [DONE]: 20 s of stream if nobody stops reading. */
    private static final PacedEventStream slowVendorStream = new PacedEventStream(slowStory(), Duration.ofMillis(200));

    @RegisterExtension
    static final Deployment deployment = Deployment.camelHost("component-streaming", new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:read-all")
                            .routeId("host-read-all")
                            .to("regiongate:chat")
                            .split(body(), new GroupedBodyAggregationStrategy()).streaming()
                                .log("host received an event")
                            .end();
                    from("direct:read-three")
                            .routeId("host-read-three")
                            .to("regiongate:chat")
                            .process(ComponentStreamingIT::readThreeThenStop);
                }
            })
            .tenant(TENANT)
            .tenant(READER)
            .quotas("{tokens-per-day: " + DAY_BUDGET + "}")
            .adminToken(ADMIN_TOKEN)
            .upstream(Upstream.openAi("eu-words", EU).models("gpt-4o"),
                    new PacedEventStream(PacedEventStream.chunkEvents("chatcmpl-words", WORDS), Duration.ofMillis(20)))
            .upstream(Upstream.openAi("eu-slow", EU).models("gpt-4o-mini"), slowVendorStream);

    private static List<String> slowStory() {
        List<String> events = new ArrayList<>(PacedEventStream.chunkEvents("chatcmpl-story",
                Collections.nCopies(CHUNKS, CHUNK)));
        events.add(events.size() - 1, VendorReplies.usageEvent("chatcmpl-story", 9, FULL_COMPLETION_TOKENS));
        return events;
    }

    private static void readThreeThenStop(Exchange exchange) throws IOException {
        Iterator<?> events = exchange.getMessage().getBody(Iterator.class);
        List<String> read = new ArrayList<>();
        while (read.size() < EVENTS_READ && events.hasNext()) {
            read.add((String) events.next());
        }
        ((Closeable) events).close();
        exchange.getMessage().setBody(read);
    }

    private static String request(String model) {
        return "{\"model\":\"" + model + "\",\"stream\":true,\"max_tokens\":" + MAX_TOKENS
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"tell me a long story\"}]}";
    }

    private static String content(Object event) {
        try {
            return JSON.readTree((String) event).path("choices").path(0).path("delta").path("content").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("not a chunk: " + event, e);
        }
    }

    @Test
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void aHostSplittingTheIteratorReceivesEveryEventInOrder() {
        Exchange answered = deployment.host().producer().send("direct:read-all", exchange -> {
            exchange.getIn().setBody(request("gpt-4o"));
            exchange.getIn().setHeader(RegionGateConstants.API_KEY, READER.apiKey());
        });

        assertThat(answered.getException()).isNull();
        List<?> events = answered.getMessage().getBody(List.class);
        assertThat(events).hasSize(WORDS.size());
        assertThat(events.stream().map(ComponentStreamingIT::content).map(String::trim).toList())
                .containsExactlyElementsOf(WORDS);
        assertThat(answered.getMessage().getHeader(RegionGateConstants.UPSTREAM)).isEqualTo("eu-words");
        assertThat(answered.getMessage().getHeader(RegionGateConstants.REQUEST_ID, String.class)).isNotBlank();
    }

    @Test
    @Timeout(value = 40, unit = TimeUnit.SECONDS)
    void aHostThatStopsReadingStopsTheVendorsStreamAndIsChargedWhatWasGenerated() {
        long usedBefore = AdminUsage.of(deployment.host(), TENANT.id(), ADMIN_TOKEN).used("tokens-per-day");

        // when the host reads three events and closes the iterator
        Exchange answered = deployment.host().producer().send("direct:read-three", exchange -> {
            exchange.getIn().setBody(request("gpt-4o-mini"));
            exchange.getIn().setHeader(RegionGateConstants.API_KEY, TENANT.apiKey());
        });
        assertThat(answered.getException()).isNull();
        assertThat(answered.getMessage().getBody(List.class)).hasSize(EVENTS_READ)
                .allSatisfy(event -> assertThat(content(event).trim()).isEqualTo(CHUNK));

        // then the vendor's stream is broken off long before its end
        Poll.require(Duration.ofSeconds(10), () -> slowVendorStream.brokenAtNanos().isDone(),
                () -> "the vendor was still streaming after the host stopped reading: "
                        + slowVendorStream.eventsWritten() + " events written");
        int written = slowVendorStream.eventsWritten();
        assertThat(slowVendorStream.finished()).isNotDone();

        // and once settled, the tenant is charged at least the events read, less than the whole completion
        Poll.require(Duration.ofSeconds(10), () -> {
                    long used = AdminUsage.of(deployment.host(), TENANT.id(), ADMIN_TOKEN).used("tokens-per-day");
                    // the reservation (prompt + max_tokens) is far above what was generated
                    return used > usedBefore && used - usedBefore < MAX_TOKENS;
                },
                () -> "the reservation was never settled: " + AdminUsage.of(deployment.host(), TENANT.id(), ADMIN_TOKEN).body());
        long charged = AdminUsage.of(deployment.host(), TENANT.id(), ADMIN_TOKEN).used("tokens-per-day") - usedBefore;
        System.out.printf("[e2e] charged %d tokens after %d events read, %d written%n", charged, EVENTS_READ, written);
        assertThat(charged).as("at least the events read").isGreaterThanOrEqualTo((long) EVENTS_READ * WORDS_PER_CHUNK);
        assertThat(charged).as("less than the whole completion").isLessThan(FULL_COMPLETION_TOKENS);
    }
}
