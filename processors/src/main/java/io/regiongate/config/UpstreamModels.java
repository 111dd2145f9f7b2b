package io.regiongate.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.io.IOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The logical models an upstream serves and what the endpoint itself calls each: written as a list
 * ({@code [gpt-4o, gpt-4o-mini]}, each its own name there) or as a mapping
 * ({@code {gpt-4o: {deployment: gpt4o-eu-prod}, gpt-4o-mini: {}}}). Clients name logical models; the
 * request that reaches the endpoint names its deployment.
 */
@JsonDeserialize(using = UpstreamModels.Deserializer.class)
public final class UpstreamModels {

    private final Map<String, String> deploymentByModel;

    private UpstreamModels(Map<String, String> deploymentByModel) {
        this.deploymentByModel = Collections.unmodifiableMap(new LinkedHashMap<>(deploymentByModel));
    }

    /** Models each called by its own name at the endpoint. */
    public static UpstreamModels sameNames(List<String> models) {
        Map<String, String> byModel = new LinkedHashMap<>();
        if (models != null) {
            models.forEach(model -> byModel.put(model, model));
        }
        return new UpstreamModels(byModel);
    }

    public static UpstreamModels of(Map<String, String> deploymentByModel) {
        return new UpstreamModels(deploymentByModel);
    }

    /** The logical model names, in the order written. */
    public List<String> names() {
        return List.copyOf(deploymentByModel.keySet());
    }

    /** What the endpoint calls {@code model}; the model's own name when it is not one of these. */
    public String deploymentOf(String model) {
        return deploymentByModel.getOrDefault(model, model);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UpstreamModels models && models.deploymentByModel.equals(deploymentByModel);
    }

    @Override
    public int hashCode() {
        return deploymentByModel.hashCode();
    }

    @Override
    public String toString() {
        return deploymentByModel.toString();
    }

    /** Binds the list form and the mapping form; anything else names the accepted forms. */
    static final class Deserializer extends JsonDeserializer<UpstreamModels> {

        private static final String FORMS = "write a list of model names, or a mapping of each model to"
                + " {deployment: <the endpoint's name for it>}";

        @Override
        public UpstreamModels deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode node = parser.readValueAsTree();
            Map<String, String> byModel = new LinkedHashMap<>();
            if (node.isArray()) {
                for (JsonNode model : node) {
                    if (!model.isTextual()) {
                        throw InvalidFormatException.from(parser, "not a model name; " + FORMS, model, UpstreamModels.class);
                    }
                    byModel.put(model.asText(), model.asText());
                }
            } else if (node.isObject()) {
                Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    byModel.put(field.getKey(), deployment(parser, field.getKey(), field.getValue()));
                }
            } else {
                throw InvalidFormatException.from(parser, FORMS, node, UpstreamModels.class);
            }
            return new UpstreamModels(byModel);
        }

        private static String deployment(JsonParser parser, String model, JsonNode value) throws IOException {
            if (value == null || value.isNull() || (value.isObject() && value.isEmpty())) {
                return model;
            }
            JsonNode deployment = value.get("deployment");
            if (!value.isObject() || value.size() != 1 || deployment == null || !deployment.isTextual()
                    || deployment.asText().isBlank()) {
                throw InvalidFormatException.from(parser, "model '" + model + "': " + FORMS, value, UpstreamModels.class);
            }
            return deployment.asText();
        }
    }
}
