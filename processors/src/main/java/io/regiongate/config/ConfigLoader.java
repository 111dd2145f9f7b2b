package io.regiongate.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads the base YAML file, lays the region's overlay over it, applies environment overrides,
 * binds the result to {@link GatewayConfig} and validates it.
 *
 * <p>The region is chosen by the caller's override (the {@code --region} flag or
 * {@code REGIONGATE_REGION}) or else by the file's {@code region} key. Its overlay is the file
 * beside the base named {@code <base>.<region>.yaml}; it is optional and merges key by key (lists
 * are replaced whole).
 */
public final class ConfigLoader {

    public static final String ENV_LISTEN_HOST = "REGIONGATE_LISTEN_HOST";
    public static final String ENV_LISTEN_PORT = "REGIONGATE_LISTEN_PORT";
    public static final String ENV_ADMIN_PORT = "REGIONGATE_ADMIN_PORT";

    private final ObjectMapper yaml;
    private final Function<String, String> environment;

    public ConfigLoader(Function<String, String> environment) {
        this.environment = environment;
        this.yaml = new ObjectMapper(new YAMLFactory())
                .registerModule(new SimpleModule()
                        .addDeserializer(Duration.class, new DurationValue.Deserializer())
                        .addDeserializer(Instant.class, new InstantValue.Deserializer()))
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    }

    /** Loads and validates a configuration file and its overlay for the chosen region. */
    public GatewayConfig load(Path file, String regionOverride) throws ConfigException {
        String source = file.toString();
        ObjectNode tree = readTree(source, read(file));
        String region = chooseRegion(tree, regionOverride);
        Path overlay = overlayFor(file, region);
        if (overlay != null && Files.isRegularFile(overlay)) {
            source = source + " + " + overlay;
            merge(tree, readTree(overlay.toString(), read(overlay)));
        }
        return bindAndValidate(tree, region, source);
    }

    /** Loads and validates a configuration packaged on the classpath (the embedded default). */
    public GatewayConfig loadResource(String resource, String regionOverride) throws ConfigException {
        String source = "classpath:" + resource;
        try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new ConfigException(source, new ConfigProblem("", "not found"));
            }
            ObjectNode tree = readTree(source, in.readAllBytes());
            return bindAndValidate(tree, chooseRegion(tree, regionOverride), source);
        } catch (IOException e) {
            throw new ConfigException(source, new ConfigProblem("", "cannot be read: " + e.getMessage()));
        }
    }

    static Path overlayFor(Path file, String region) {
        if (region == null) {
            return null;
        }
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return file.resolveSibling(stem + "." + region + ".yaml");
    }

    private GatewayConfig bindAndValidate(ObjectNode tree, String region, String source) throws ConfigException {
        if (region != null) {
            tree.put("region", region);
        }
        tree.remove("source");
        applyListenOverrides(tree, source);
        GatewayConfig config = bind(tree, source).withSource(source);
        new ConfigValidator(environment).validate(config);
        return config;
    }

    private String chooseRegion(ObjectNode tree, String regionOverride) {
        if (regionOverride != null && !regionOverride.isBlank()) {
            return regionOverride.trim();
        }
        JsonNode region = tree.get("region");
        return region != null && region.isTextual() ? region.asText() : null;
    }

    private void applyListenOverrides(ObjectNode tree, String source) throws ConfigException {
        String adminPort = environment.apply(ENV_ADMIN_PORT);
        if (adminPort != null) {
            JsonNode admin = tree.get("admin");
            ObjectNode adminNode = admin instanceof ObjectNode node ? node : tree.putObject("admin");
            JsonNode listen = adminNode.get("listen");
            ObjectNode listenNode = listen instanceof ObjectNode node ? node : adminNode.putObject("listen");
            try {
                listenNode.put("port", Integer.parseInt(adminPort.trim()));
            } catch (NumberFormatException e) {
                throw new ConfigException(source,
                        new ConfigProblem("admin.listen.port", ENV_ADMIN_PORT + "='" + adminPort + "' is not a port number"));
            }
        }
        String host = environment.apply(ENV_LISTEN_HOST);
        String port = environment.apply(ENV_LISTEN_PORT);
        if (host == null && port == null) {
            return;
        }
        JsonNode existing = tree.get("listen");
        ObjectNode listen = existing instanceof ObjectNode node ? node : tree.putObject("listen");
        if (host != null) {
            listen.put("host", host);
        }
        if (port != null) {
            try {
                listen.put("port", Integer.parseInt(port.trim()));
            } catch (NumberFormatException e) {
                throw new ConfigException(source,
                        new ConfigProblem("listen.port", ENV_LISTEN_PORT + "='" + port + "' is not a port number"));
            }
        }
    }

    private static byte[] read(Path file) throws ConfigException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file.toString(), new ConfigProblem("", "file not found"));
        } catch (IOException e) {
            throw new ConfigException(file.toString(), new ConfigProblem("", "cannot be read: " + e.getMessage()));
        }
    }

    private ObjectNode readTree(String source, byte[] content) throws ConfigException {
        JsonNode node;
        try {
            node = yaml.readTree(content);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source, new ConfigProblem("", "malformed YAML " + where(e.getLocation())
                    + ": " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new ConfigException(source, new ConfigProblem("", "cannot be read: " + e.getMessage()));
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            throw new ConfigException(source, new ConfigProblem("", "the file is empty"));
        }
        if (!(node instanceof ObjectNode object)) {
            throw new ConfigException(source, new ConfigProblem("", "the top level must be a mapping of keys"));
        }
        return object;
    }

    private GatewayConfig bind(ObjectNode tree, String source) throws ConfigException {
        try {
            return yaml.treeToValue(tree, GatewayConfig.class);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : " (known keys: " + e.getKnownPropertyIds()
                    .stream().map(Object::toString).sorted().collect(Collectors.joining(", ")) + ")";
            throw new ConfigException(source, new ConfigProblem(keyPath(e), "unknown key" + known));
        } catch (InvalidFormatException e) {
            throw new ConfigException(source, new ConfigProblem(keyPath(e),
                    "'" + e.getValue() + "' is not valid here: " + e.getOriginalMessage()));
        } catch (MismatchedInputException e) {
            throw new ConfigException(source, new ConfigProblem(keyPath(e),
                    "wrong kind of value (expected " + simpleName(e.getTargetType()) + ")"));
        } catch (JsonMappingException e) {
            throw new ConfigException(source, new ConfigProblem(keyPath(e), e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw new ConfigException(source, new ConfigProblem("", e.getOriginalMessage()));
        }
    }

    private static String simpleName(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping";
        }
        if (Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        return type.getSimpleName().toLowerCase();
    }

    static String keyPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            } else if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            }
        }
        return path.toString();
    }

    private static String where(JsonLocation location) {
        return location == null ? "" : "at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    /** Lays {@code overlay} over {@code base}: mappings merge key by key, anything else is replaced. */
    static void merge(ObjectNode base, ObjectNode overlay) {
        Iterator<Map.Entry<String, JsonNode>> fields = overlay.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = base.get(field.getKey());
            if (existing instanceof ObjectNode existingObject && field.getValue() instanceof ObjectNode overlayObject) {
                merge(existingObject, overlayObject);
            } else {
                base.set(field.getKey(), field.getValue());
            }
        }
    }
}
