package io.regiongate.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;

/**
 * One model endpoint in one region.
 *
 * @param apiKeyEnv       the environment variable holding the upstream's API key (never the key itself)
 * @param modelMap        the logical models it serves ({@code models}), and what the endpoint calls each
 * @param priority        lower is tried first
 * @param weight          share among upstreams of equal priority
 * @param connectTimeout  how long to wait for the TCP connection
 * @param responseTimeout how long to wait for the first byte of the answer (504 after that)
 * @param apiVersion      the {@code api-version} query parameter of an {@code azure-openai} upstream
 * @param http2           streamed calls go over HTTP/2, many streams on one connection (h2c with prior
 *                        knowledge for {@code http://}, ALPN for {@code https://})
 */
public record UpstreamConfig(
        String id,
        String region,
        UpstreamType type,
        @JsonProperty("base-url") String baseUrl,
        @JsonProperty("api-key-env") String apiKeyEnv,
        @JsonProperty("models") UpstreamModels modelMap,
        Integer priority,
        Integer weight,
        @JsonProperty("circuit-breaker") String circuitBreaker,
        @JsonProperty("connect-timeout") Duration connectTimeout,
        @JsonProperty("response-timeout") Duration responseTimeout,
        SimulatorConfig simulator,
        @JsonProperty("probe-path") String probePath,
        @JsonProperty("api-version") String apiVersion,
        Boolean http2) {

    public static final int DEFAULT_PRIORITY = 1;
    public static final int DEFAULT_WEIGHT = 100;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(60);
    public static final String DEFAULT_PROBE_PATH = "/models";

    public UpstreamConfig {
        type = type == null ? UpstreamType.OPENAI : type;
        modelMap = modelMap == null ? UpstreamModels.sameNames(List.of()) : modelMap;
        priority = priority == null ? DEFAULT_PRIORITY : priority;
        weight = weight == null ? DEFAULT_WEIGHT : weight;
        circuitBreaker = circuitBreaker == null ? CircuitBreakerConfig.DEFAULT_NAME : circuitBreaker;
        connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
        responseTimeout = responseTimeout == null ? DEFAULT_RESPONSE_TIMEOUT : responseTimeout;
        simulator = simulator == null ? SimulatorConfig.defaults() : simulator;
        probePath = probePath == null ? DEFAULT_PROBE_PATH : probePath;
        http2 = Boolean.TRUE.equals(http2);
    }

    /** An upstream probed at the default path. */
    public UpstreamConfig(String id, String region, UpstreamType type, String baseUrl, String apiKeyEnv,
                          List<String> models, Integer priority, Integer weight, String circuitBreaker,
                          Duration connectTimeout, Duration responseTimeout, SimulatorConfig simulator) {
        this(id, region, type, baseUrl, apiKeyEnv, models, priority, weight, circuitBreaker, connectTimeout,
                responseTimeout, simulator, null);
    }

    /** An upstream whose models are called by their own names. */
    public UpstreamConfig(String id, String region, UpstreamType type, String baseUrl, String apiKeyEnv,
                          List<String> models, Integer priority, Integer weight, String circuitBreaker,
                          Duration connectTimeout, Duration responseTimeout, SimulatorConfig simulator, String probePath) {
        this(id, region, type, baseUrl, apiKeyEnv, UpstreamModels.sameNames(models), priority, weight, circuitBreaker,
                connectTimeout, responseTimeout, simulator, probePath, null, false);
    }

    /** The logical model names this upstream serves. */
    public List<String> models() {
        return modelMap.names();
    }

    public boolean serves(String model) {
        return models().contains(model);
    }

    /** What this endpoint calls {@code model}. */
    public String deploymentOf(String model) {
        return modelMap.deploymentOf(model);
    }

    public boolean isAzure() {
        return type == UpstreamType.AZURE_OPENAI;
    }

    public boolean isSimulated() {
        return type == UpstreamType.SIMULATED;
    }
}
