package io.regiongate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class AuditChainLinkingTest {

    @Test
    void firstRecordOfAWriterPointsAtGenesisAndCountsFromOne() throws Exception {
        AuditChain chain = new AuditChain("eu-west-1/a");

        JsonNode first = AuditJson.parse(chain.link(AuditFixtures.record("req_1")).json());

        assertThat(first.path("chain").path("writer").asText()).isEqualTo("eu-west-1/a");
        assertThat(first.path("chain").path("seq").asLong()).isEqualTo(1);
        assertThat(first.path("chain").path("prev").asText()).isEqualTo(AuditChain.GENESIS);
        assertThat(first.path("schema_version").asInt()).isEqualTo(AuditRecord.SCHEMA_VERSION);
    }

    @Test
    void eachRecordCarriesThePreviousRecordsHashAndItsOwn() throws Exception {
        AuditChain chain = new AuditChain("eu-west-1/a");

        JsonNode first = AuditJson.parse(chain.link(AuditFixtures.record("req_1")).json());
        JsonNode second = AuditJson.parse(chain.link(AuditFixtures.record("req_2")).json());

        assertThat(second.path("chain").path("seq").asLong()).isEqualTo(2);
        assertThat(second.path("chain").path("prev").asText()).isEqualTo(first.path("chain").path("hash").asText());
        assertThat(second.path("chain").path("hash").asText()).isEqualTo(AuditJson.hashOf(second)).hasSize(64);
    }

    @Test
    void hashIgnoresKeyOrderButNotValues() throws Exception {
        JsonNode record = AuditJson.parse(new AuditChain("w").link(AuditFixtures.record("req_1")).json());
        JsonNode reordered = AuditJson.parse("{\"status\":200," + record.toString().substring(1)
                .replace("\"status\":200,", ""));
        JsonNode changed = AuditJson.parse(record.toString().replace("\"status\":200", "\"status\":201"));

        assertThat(AuditJson.hashOf(reordered)).isEqualTo(AuditJson.hashOf(record));
        assertThat(AuditJson.hashOf(changed)).isNotEqualTo(AuditJson.hashOf(record));
    }

    @Test
    void recordsAreSnakeCaseJsonWithoutAbsentFields() {
        String json = new AuditChain("w").link(AuditFixtures.record("req_1")).json();

        assertThat(json).contains("\"request_id\":\"req_1\"", "\"arrival_region\":\"eu-west-1\"",
                "\"usage\":{\"completion_tokens\":2,\"prompt_tokens\":3,\"total_tokens\":5}");
        assertThat(json).doesNotContain("null", "error_code", "redactions");
    }

    @Test
    void aWritersFirstEntryLinksToThePreviousWritersLastOne() throws Exception {
        AuditChain.Linked last = new AuditChain("eu-west-1/a").link(AuditFixtures.record("req_1"));
        AuditChain next = new AuditChain("eu-west-1/b", last.link());

        JsonNode first = AuditJson.parse(next.link(AuditFixtures.record("req_2")).json());

        assertThat(first.path("chain").path("seq").asLong()).isEqualTo(1);
        assertThat(first.path("chain").path("prev").asText()).isEqualTo(last.link().hash());
    }

    @Test
    void eventsAreChainedLikeRecordsAndToldApartByTheirKind() throws Exception {
        AuditChain chain = new AuditChain("w");
        chain.link(AuditFixtures.record("req_1"));
        String json = chain.link(AuditEvent.refusals("eu-west-1", java.time.Instant.parse("2026-01-01T00:00:10Z"),
                new AuditEvent.Refusals("2026-01-01T00:00:00Z", "2026-01-01T00:00:10Z", 3,
                        java.util.Map.of("invalid_api_key", 3L)))).json();
        JsonNode event = AuditJson.parse(json);

        assertThat(json).startsWith("{\"at\":").doesNotContain("request_id", "null", "\"id\"");
        assertThat(event.path("kind").asText()).isEqualTo("refusals");
        assertThat(event.path("event_id").asText()).startsWith("evt_").hasSize(36);
        assertThat(event.path("refusals").path("counts").path("invalid_api_key").asLong()).isEqualTo(3);
        assertThat(event.path("chain").path("seq").asLong()).isEqualTo(2);
        assertThat(event.path("chain").path("hash").asText()).isEqualTo(AuditJson.hashOf(event));
        assertThat(AuditJson.routingOf(json)).isEqualTo(new AuditJson.Routing("w", true, event.path("event_id").asText()));
    }
}

