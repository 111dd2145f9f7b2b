package io.regiongate.camel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/**
 * The component documents itself the way Camel's own components do: its JSON schema (options,
 * path, headers) is found by the context from the scheme alone, and tools read the same file.
 */
class RegionGateComponentMetadataTest {

    @Test
    void theContextFindsTheComponentsSchemaWithItsOptionsAndHeaders() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            String schema = context.getComponentParameterJsonSchema("regiongate");

            assertThat(schema).as("regiongate.json on the classpath").isNotNull();
            JsonNode json = new ObjectMapper().readTree(schema);
            assertThat(json.path("component").path("scheme").asText()).isEqualTo("regiongate");
            assertThat(json.path("properties").path("operation").path("enum").toString()).contains("chat", "models");
            assertThat(json.path("componentProperties").has("configFile")).isTrue();
            assertThat(json.path("headers").path(RegionGateConstants.API_KEY).path("required").asBoolean()).isTrue();
            assertThat(context.getComponent("regiongate")).isInstanceOf(RegionGateComponent.class);
        }
    }
}
