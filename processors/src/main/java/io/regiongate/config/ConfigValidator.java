package io.regiongate.config;

import io.regiongate.audit.AuditChainKey;
import io.regiongate.audit.AuditSigningKey;
import io.regiongate.kafka.KafkaClientSecurity;
import io.regiongate.tls.ClientTls;
import io.regiongate.tls.TlsMaterialException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Checks that a bound configuration makes sense as a whole, and reports every problem at once,
 * each with the key it concerns.
 */
public final class ConfigValidator {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Set<String> HAZELCAST_ON_UNAVAILABLE = Set.of(HazelcastConfig.FAIL_CLOSED, HazelcastConfig.FAIL_OPEN);
    private static final Pattern HOST_PORT = Pattern.compile("[^\\s:]+:\\d{1,5}");
    private static final Pattern CLUSTER_LABEL = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private final Function<String, String> environment;

    public ConfigValidator(Function<String, String> environment) {
        this.environment = environment;
    }

    public void validate(GatewayConfig config) throws ConfigException {
        List<ConfigProblem> problems = new ArrayList<>();
        checkRegionAndZones(config, problems);
        checkListen(config.listen(), problems);
        checkAdmin(config.admin(), config.listen(), problems);
        checkProbe(config.probe(), problems);
        checkTelemetry(config.telemetry(), config.region(), problems);
        checkCircuitBreakers(config, problems);
        checkUpstreams(config, problems);
        checkPeers(config, problems);
        checkTenants(config, problems);
        checkHazelcast(config.hazelcast(), config.region(), problems);
        checkAudit(config, problems);
        checkAuditChain(config.audit(), problems);
        new RedactionConfigCheck(config).check(problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(config.source(), problems);
        }
    }

    private void checkRegionAndZones(GatewayConfig config, List<ConfigProblem> problems) {
        if (isBlank(config.region())) {
            problems.add(new ConfigProblem("region", "missing; set it in the file, with --region or REGIONGATE_REGION"));
        } else if (config.zoneOf(config.region()).isEmpty()) {
            problems.add(new ConfigProblem("region", "'" + config.region() + "' is not in any zone " + config.zones().keySet()));
        }
        if (config.zones().isEmpty()) {
            problems.add(new ConfigProblem("zones", "missing; declare at least the zone of this region"));
        }
        Map<String, String> zoneOfRegion = new HashMap<>();
        config.zones().forEach((zone, regions) -> {
            if (regions == null || regions.isEmpty()) {
                problems.add(new ConfigProblem("zones." + zone, "a zone needs at least one region"));
                return;
            }
            for (String region : regions) {
                String other = zoneOfRegion.putIfAbsent(region, zone);
                if (other != null && !other.equals(zone)) {
                    problems.add(new ConfigProblem("zones." + zone,
                            "region '" + region + "' is also in zone '" + other + "'; a region belongs to one zone"));
                }
            }
        });
    }

    private static void checkTelemetry(TelemetryConfig telemetry, String region, List<ConfigProblem> problems) {
        if (!telemetry.tracing()) {
            return;
        }
        String endpoint = telemetry.otlp().endpoint();
        if (endpoint == null || !(endpoint.startsWith("http://") || endpoint.startsWith("https://"))) {
            problems.add(new ConfigProblem("telemetry.otlp.endpoint", "an http:// or https:// URL is required"));
        }
        if (telemetry.otlp().region() == null) {
            problems.add(new ConfigProblem("telemetry.otlp.region", "is required: the region the collector runs in"));
        } else if (region != null && !telemetry.otlp().region().equals(region)) {
            problems.add(new ConfigProblem("telemetry.otlp.region", "'" + telemetry.otlp().region()
                    + "' is another region's: spans of " + region + " never leave it"));
        }
    }

    private static void checkProbe(ProbeConfig probe, List<ConfigProblem> problems) {
        if (probe.interval().isNegative() || probe.interval().isZero()) {
            problems.add(new ConfigProblem("probe.interval", "must be positive"));
        }
        if (probe.timeout().isNegative() || probe.timeout().isZero()) {
            problems.add(new ConfigProblem("probe.timeout", "must be positive"));
        }
        if (probe.unhealthyAfter() < 1) {
            problems.add(new ConfigProblem("probe.unhealthy-after", "must be at least 1"));
        }
        if (probe.healthyAfter() < 1) {
            problems.add(new ConfigProblem("probe.healthy-after", "must be at least 1"));
        }
    }

    private void checkListenTls(ListenTlsConfig tls, List<ConfigProblem> problems) {
        if (tls.pem() == (tls.keystore() != null)) {
            problems.add(new ConfigProblem("listen.tls", "give either cert-chain and key (PEM) or keystore (PKCS#12)"));
        }
        if (tls.pem() && tls.key() == null) {
            problems.add(new ConfigProblem("listen.tls.key", "the PEM private key file is required with cert-chain"));
        }
        checkReadable(tls.certChain(), "listen.tls.cert-chain", problems);
        checkReadable(tls.key(), "listen.tls.key", problems);
        checkReadable(tls.keystore(), "listen.tls.keystore", problems);
        checkReadable(tls.trust(), "listen.tls.trust", problems);
        if (tls.keystore() != null) {
            checkSecret(tls.keystorePasswordEnv(), "listen.tls.keystore-password-env", problems);
        }
        if (tls.trust() != null && ListenTlsConfig.pkcs12(tls.trust())) {
            checkSecret(tls.trustPasswordEnv(), "listen.tls.trust-password-env", problems);
        }
        if (tls.clientAuth() != ListenTlsConfig.ClientAuth.NONE && tls.trust() == null) {
            problems.add(new ConfigProblem("listen.tls.trust", "client-auth " + tls.clientAuth().word()
                    + " needs the CA certificates that sign the clients' certificates"));
        }
    }

    private static void checkReadable(String file, String key, List<ConfigProblem> problems) {
        if (file != null && !java.nio.file.Files.isReadable(java.nio.file.Path.of(file))) {
            problems.add(new ConfigProblem(key, "cannot read " + file));
        }
    }

    private void checkSecret(String variable, String key, List<ConfigProblem> problems) {
        if (variable == null || variable.isBlank()) {
            problems.add(new ConfigProblem(key, "name the environment variable that holds the password"));
        } else if (environment.apply(variable) == null) {
            problems.add(new ConfigProblem(key, "environment variable " + variable + " is not set"));
        }
    }

    private void checkAdmin(AdminConfig admin, ListenConfig listen, List<ConfigProblem> problems) {
        int port = admin.listen().port();
        if (port < 0 || port > 65535) {
            problems.add(new ConfigProblem("admin.listen.port", port + " is not a port (0-65535)"));
        } else if (port != 0 && port == listen.port()) {
            problems.add(new ConfigProblem("admin.listen.port", "the admin listener needs a port of its own, not the API's "
                    + port));
        }
        if (isBlank(admin.listen().host())) {
            problems.add(new ConfigProblem("admin.listen.host", "missing"));
        }
        if (admin.tokenSha256() != null && !SHA256_HEX.matcher(admin.tokenSha256()).matches()) {
            problems.add(new ConfigProblem("admin.token-sha256",
                    "must be the SHA-256 of the token as 64 lower-case hex digits (never the token itself)"));
        }
        if (admin.watchInterval().isNegative()) {
            problems.add(new ConfigProblem("admin.watch-interval", "must not be negative (0s: the file is not watched)"));
        }
    }

    private void checkListen(ListenConfig listen, List<ConfigProblem> problems) {
        if (listen.port() < 0 || listen.port() > 65535) {
            problems.add(new ConfigProblem("listen.port", listen.port() + " is not a port (0-65535)"));
        }
        if (listen.workerThreads() < 1) {
            problems.add(new ConfigProblem("listen.worker-threads", "must be at least 1"));
        }
        if (listen.eventLoops() < 1) {
            problems.add(new ConfigProblem("listen.event-loops", "must be at least 1"));
        }
        if (listen.clientStallTimeout().isNegative() || listen.clientStallTimeout().isZero()) {
            problems.add(new ConfigProblem("listen.client-stall-timeout", "must be positive"));
        }
        if (listen.requestReadTimeout().isNegative() || listen.requestReadTimeout().isZero()) {
            problems.add(new ConfigProblem("listen.request-read-timeout", "must be positive"));
        }
        if (listen.tls() != null) {
            checkListenTls(listen.tls(), problems);
        }
        if (listen.maxRequestBytes() <= 0) {
            problems.add(new ConfigProblem("listen.max-request-bytes", "must be positive"));
        }
    }

    private void checkCircuitBreakers(GatewayConfig config, List<ConfigProblem> problems) {
        config.circuitBreakers().forEach((name, breaker) -> {
            String key = "circuit-breakers." + name;
            if (breaker == null) {
                problems.add(new ConfigProblem(key, "empty; give at least one setting or remove it"));
                return;
            }
            if (breaker.failureRateThreshold() != null
                    && (breaker.failureRateThreshold() <= 0 || breaker.failureRateThreshold() > 100)) {
                problems.add(new ConfigProblem(key + ".failure-rate-threshold", "must be a percentage in 1-100"));
            }
            if (breaker.minimumCalls() != null && breaker.minimumCalls() < 1) {
                problems.add(new ConfigProblem(key + ".minimum-calls", "must be at least 1"));
            }
            if (breaker.halfOpenCalls() != null && breaker.halfOpenCalls() < 1) {
                problems.add(new ConfigProblem(key + ".half-open-calls", "must be at least 1"));
            }
        });
    }

    private void checkUpstreams(GatewayConfig config, List<ConfigProblem> problems) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < config.upstreams().size(); i++) {
            UpstreamConfig upstream = config.upstreams().get(i);
            String key = "upstreams[" + i + "]";
            if (isBlank(upstream.id())) {
                problems.add(new ConfigProblem(key + ".id", "missing"));
            } else if (upstream.id().startsWith("peer-")) {
                problems.add(new ConfigProblem(key + ".id", "'peer-' starts the names of peers; choose another id"));
            } else if (!ids.add(upstream.id())) {
                problems.add(new ConfigProblem(key + ".id", "duplicate upstream id '" + upstream.id() + "'"));
            }
            if (isBlank(upstream.region())) {
                problems.add(new ConfigProblem(key + ".region", "missing"));
            } else if (config.zoneOf(upstream.region()).isEmpty()) {
                problems.add(new ConfigProblem(key + ".region", "'" + upstream.region() + "' is not in any zone"));
            }
            if (upstream.models().isEmpty()) {
                problems.add(new ConfigProblem(key + ".models", "list at least one model this upstream serves"));
            }
            if (upstream.isAzure() && isBlank(upstream.apiVersion())) {
                problems.add(new ConfigProblem(key + ".api-version",
                        "missing; an azure-openai upstream needs the API version its deployments answer, e.g. 2024-10-21"));
            } else if (!upstream.isAzure() && upstream.apiVersion() != null) {
                problems.add(new ConfigProblem(key + ".api-version", "only an azure-openai upstream takes an api-version"));
            }
            if (!upstream.probePath().startsWith("/")) {
                problems.add(new ConfigProblem(key + ".probe-path", "must start with /, e.g. /models"));
            }
            if (upstream.priority() < 0) {
                problems.add(new ConfigProblem(key + ".priority", "must not be negative"));
            }
            if (upstream.weight() < 1) {
                problems.add(new ConfigProblem(key + ".weight", "must be at least 1"));
            }
            if (!CircuitBreakerConfig.DEFAULT_NAME.equals(upstream.circuitBreaker())
                    && !config.circuitBreakers().containsKey(upstream.circuitBreaker())) {
                problems.add(new ConfigProblem(key + ".circuit-breaker",
                        "unknown circuit breaker '" + upstream.circuitBreaker() + "'; declared: "
                                + config.circuitBreakers().keySet()));
            }
            if (upstream.connectTimeout().isZero() || upstream.responseTimeout().isZero()) {
                problems.add(new ConfigProblem(key, "timeouts must be longer than zero"));
            }
            if (!upstream.isSimulated()) {
                checkRealUpstream(upstream, upstream.region() != null && upstream.region().equals(config.region()),
                        key, problems);
            }
        }
    }

    /**
     * @param local whether this runtime calls the upstream: only then must its key be in the
     *              environment (a shared base file lists every region's upstreams)
     */
    private void checkRealUpstream(UpstreamConfig upstream, boolean local, String key, List<ConfigProblem> problems) {
        if (isBlank(upstream.baseUrl())) {
            problems.add(new ConfigProblem(key + ".base-url", "missing (only type: simulated may leave it out)"));
        } else if (!isHttpUrl(upstream.baseUrl())) {
            problems.add(new ConfigProblem(key + ".base-url", "'" + upstream.baseUrl() + "' is not an http(s) URL"));
        }
        if (local && upstream.apiKeyEnv() != null && environment.apply(upstream.apiKeyEnv()) == null) {
            problems.add(new ConfigProblem(key + ".api-key-env",
                    "environment variable " + upstream.apiKeyEnv() + " is not set"));
        }
    }

    private void checkPeers(GatewayConfig config, List<ConfigProblem> problems) {
        Set<String> regions = new HashSet<>();
        for (int i = 0; i < config.peers().size(); i++) {
            PeerConfig peer = config.peers().get(i);
            String key = "peers[" + i + "]";
            if (isBlank(peer.region())) {
                problems.add(new ConfigProblem(key + ".region", "missing"));
                continue;
            }
            if (peer.region().equals(config.region())) {
                problems.add(new ConfigProblem(key + ".region", "a peer is another region's runtime, not this one"));
            } else if (config.zoneOf(peer.region()).isEmpty()) {
                problems.add(new ConfigProblem(key + ".region", "'" + peer.region() + "' is not in any zone"));
            }
            if (!regions.add(peer.region())) {
                problems.add(new ConfigProblem(key + ".region", "duplicate peer for region '" + peer.region() + "'"));
            }
            if (isBlank(peer.url()) || !isHttpUrl(peer.url())) {
                problems.add(new ConfigProblem(key + ".url", "an http(s) URL is required"));
            } else if (peer.url().startsWith("http://") && !peer.allowInsecure()) {
                problems.add(new ConfigProblem(key + ".url", "http:// sends prompts between regions in clear; use "
                        + "https://, or write allow-insecure: true next to it where TLS ends before the runtime"));
            }
            if (isBlank(peer.secretEnv())) {
                problems.add(new ConfigProblem(key + ".secret-env", "required: the environment variable holding the "
                        + "link's shared secret (the same value in both regions' runtimes); forwards are signed with it"));
            } else {
                String secret = environment.apply(peer.secretEnv());
                if (secret == null) {
                    problems.add(new ConfigProblem(key + ".secret-env", "environment variable " + peer.secretEnv()
                            + " is not set"));
                } else if (secret.length() < PeerConfig.MIN_SECRET_CHARS) {
                    problems.add(new ConfigProblem(key + ".secret-env", "the secret in " + peer.secretEnv()
                            + " must be at least " + PeerConfig.MIN_SECRET_CHARS + " characters"));
                }
            }
            if (peer.tls() != null) {
                checkPeerTls(peer, key, problems);
            }
            if (!CircuitBreakerConfig.DEFAULT_NAME.equals(peer.circuitBreaker())
                    && !config.circuitBreakers().containsKey(peer.circuitBreaker())) {
                problems.add(new ConfigProblem(key + ".circuit-breaker",
                        "unknown circuit breaker '" + peer.circuitBreaker() + "'; declared: "
                                + config.circuitBreakers().keySet()));
            }
        }
    }

    /** Mutual TLS to a peer: an https:// URL, and material that loads (files there, passwords that open them). */
    private void checkPeerTls(PeerConfig peer, String key, List<ConfigProblem> problems) {
        if (peer.url() != null && !peer.url().startsWith("https://")) {
            problems.add(new ConfigProblem(key + ".tls", "mutual TLS needs an https:// url"));
        }
        try {
            ClientTls.load(peer.tls(), environment);
        } catch (TlsMaterialException e) {
            problems.add(new ConfigProblem(key + ".tls" + (e.key().isEmpty() ? "" : "." + e.key()), e.getMessage()));
        }
    }

    private void checkTenants(GatewayConfig config, List<ConfigProblem> problems) {
        Set<String> ids = new HashSet<>();
        Set<String> keyHashes = new HashSet<>();
        Set<String> upstreamIds = new HashSet<>();
        config.upstreams().forEach(upstream -> upstreamIds.add(upstream.id()));
        for (int i = 0; i < config.tenants().size(); i++) {
            TenantConfig tenant = config.tenants().get(i);
            String key = "tenants[" + i + "]";
            if (isBlank(tenant.id())) {
                problems.add(new ConfigProblem(key + ".id", "missing"));
            } else if (!ids.add(tenant.id())) {
                problems.add(new ConfigProblem(key + ".id", "duplicate tenant id '" + tenant.id() + "'"));
            }
            checkKeys(tenant, key, keyHashes, problems);
            if (isBlank(tenant.homeZone())) {
                problems.add(new ConfigProblem(key + ".home-zone", "missing"));
            } else if (!config.zones().containsKey(tenant.homeZone())) {
                problems.add(new ConfigProblem(key + ".home-zone", "unknown zone '" + tenant.homeZone() + "'"));
            }
            for (String upstream : tenant.upstreams()) {
                if (!upstreamIds.contains(upstream)) {
                    problems.add(new ConfigProblem(key + ".upstreams", "unknown upstream '" + upstream + "'"));
                }
            }
            checkQuotas(tenant.quotas(), key + ".quotas", problems);
        }
    }

    private static void checkKeys(TenantConfig tenant, String key, Set<String> keyHashes, List<ConfigProblem> problems) {
        if (tenant.apiKeySha256() == null && tenant.apiKeys().isEmpty()) {
            problems.add(new ConfigProblem(key + ".api-key-sha256",
                    "missing; give the tenant api-key-sha256 or api-keys (the SHA-256 of each key, never the key)"));
            return;
        }
        if (tenant.apiKeySha256() != null) {
            checkKeyHash(tenant.apiKeySha256(), key + ".api-key-sha256", keyHashes, problems);
        }
        Set<String> keyIds = new HashSet<>();
        if (tenant.apiKeySha256() != null) {
            keyIds.add(TenantKey.SINGLE_KEY_ID);
        }
        for (int j = 0; j < tenant.apiKeys().size(); j++) {
            TenantKey apiKey = tenant.apiKeys().get(j);
            String keyKey = key + ".api-keys[" + j + "]";
            if (apiKey == null) {
                problems.add(new ConfigProblem(keyKey, "empty; write id and sha256"));
                continue;
            }
            if (isBlank(apiKey.id())) {
                problems.add(new ConfigProblem(keyKey + ".id", "missing; records name the key by it"));
            } else if (!keyIds.add(apiKey.id())) {
                problems.add(new ConfigProblem(keyKey + ".id", "duplicate key id '" + apiKey.id() + "' in this tenant"
                        + (TenantKey.SINGLE_KEY_ID.equals(apiKey.id()) ? " ('default' names api-key-sha256)" : "")));
            }
            checkKeyHash(apiKey.sha256(), keyKey + ".sha256", keyHashes, problems);
        }
    }

    private static void checkKeyHash(String sha256, String key, Set<String> keyHashes, List<ConfigProblem> problems) {
        if (sha256 == null || !SHA256_HEX.matcher(sha256).matches()) {
            problems.add(new ConfigProblem(key,
                    "must be the SHA-256 of the key as 64 lower-case hex digits (never the key itself)"));
        } else if (!keyHashes.add(sha256)) {
            problems.add(new ConfigProblem(key, "the same key hash is used by another key"));
        }
    }

    private static void checkQuotas(QuotaConfig quotas, String key, List<ConfigProblem> problems) {
        checkPositive(quotas.requestsPerSecond(), key + ".requests-per-second", problems);
        checkPositive(quotas.tokensPerMinute(), key + ".tokens-per-minute", problems);
        checkPositive(quotas.tokensPerDay(), key + ".tokens-per-day", problems);
        checkPositive(quotas.tokensPerMonth(), key + ".tokens-per-month", problems);
        checkPositive(quotas.defaultMaxTokens(), key + ".default-max-tokens", problems);
        checkPositive(quotas.maxConcurrentRequests(), key + ".max-concurrent-requests", problems);
    }

    private static void checkPositive(Long value, String key, List<ConfigProblem> problems) {
        if (value != null && value <= 0) {
            problems.add(new ConfigProblem(key, "must be positive; leave it out for no limit"));
        }
    }

    private static void checkHazelcast(HazelcastConfig hazelcast, String region, List<ConfigProblem> problems) {
        if (!HAZELCAST_ON_UNAVAILABLE.contains(hazelcast.onUnavailable())) {
            problems.add(new ConfigProblem("hazelcast.on-unavailable", "must be one of " + HAZELCAST_ON_UNAVAILABLE));
        }
        if (hazelcast.port() != null && (hazelcast.port() < 1 || hazelcast.port() > 65535)) {
            problems.add(new ConfigProblem("hazelcast.port", hazelcast.port() + " is not a port (1-65535)"));
        }
        for (int i = 0; i < hazelcast.members().size(); i++) {
            String member = hazelcast.members().get(i);
            if (member == null || !HOST_PORT.matcher(member).matches()) {
                problems.add(new ConfigProblem("hazelcast.members[" + i + "]", "'" + member + "' is not host:port"));
            }
        }
        boolean othersElsewhere = hazelcast.members().stream()
                .anyMatch(member -> member != null && !member.startsWith("127.") && !member.startsWith("localhost:"));
        if (hazelcast.mode() == HazelcastMode.EMBEDDED && othersElsewhere
                && hazelcast.bindInterface().startsWith("127.")) {
            problems.add(new ConfigProblem("hazelcast.interface", "members on other hosts are listed: name this "
                    + "member's own address on the region's private network (it binds to that one address only)"));
        }
        if (hazelcast.mode() == HazelcastMode.CLIENT && hazelcast.members().isEmpty()) {
            problems.add(new ConfigProblem("hazelcast.members", "client mode needs this region's member addresses"));
        }
        if (hazelcast.clusterName() != null && region != null) {
            String base = "regiongate-" + region;
            String name = hazelcast.clusterName();
            boolean ok = name.equals(base) || (name.startsWith(base + ".")
                    && CLUSTER_LABEL.matcher(name.substring(base.length() + 1)).matches());
            if (!ok) {
                problems.add(new ConfigProblem("hazelcast.cluster-name", "'" + name + "' must be '" + base + "' or '"
                        + base + ".<label>': a cluster serves exactly one region"));
            }
        }
        if (hazelcast.timeout().isZero() || hazelcast.timeout().isNegative()) {
            problems.add(new ConfigProblem("hazelcast.timeout", "must be longer than zero"));
        }
        checkQuorum(hazelcast, problems);
    }

    private static void checkQuorum(HazelcastConfig hazelcast, List<ConfigProblem> problems) {
        int quorum = hazelcast.quorum();
        if (quorum < 1) {
            problems.add(new ConfigProblem("hazelcast.quorum", quorum + " is not a number of members (at least 1)"));
        } else if (quorum > 1 && hazelcast.mode() == HazelcastMode.CLIENT) {
            problems.add(new ConfigProblem("hazelcast.quorum", "applies to embedded members; a separate cluster declares "
                    + "its split-brain protection in its own member configuration"));
        } else if (!hazelcast.members().isEmpty() && quorum > hazelcast.members().size()) {
            problems.add(new ConfigProblem("hazelcast.quorum", quorum + " is more than the " + hazelcast.members().size()
                    + " members listed: the counters could never be updated"));
        }
    }

    private void checkAudit(GatewayConfig config, List<ConfigProblem> problems) {
        if (config.audit().maxBacklogBytes() < 1) {
            problems.add(new ConfigProblem("audit.max-backlog-bytes", "must be at least 1"));
        }
        List<AuditConfig.AuditEndpointConfig> endpoints = config.audit().endpoints();
        for (int i = 0; i < endpoints.size(); i++) {
            AuditConfig.AuditEndpointConfig endpoint = endpoints.get(i);
            String key = "audit.endpoints[" + i + "]";
            if (endpoint.region() == null || !endpoint.region().equals(config.region())) {
                problems.add(new ConfigProblem(key + ".region", "audit endpoint declared for region '"
                        + endpoint.region() + "' but this runtime is '" + config.region()
                        + "'; audit records never leave their region"));
            }
            if (endpoint.kafka() == null || isBlank(endpoint.kafka().bootstrapServers())
                    || isBlank(endpoint.kafka().topic())) {
                problems.add(new ConfigProblem(key + ".kafka", "bootstrap-servers and topic are required"));
            }
            if (endpoint.kafka() != null) {
                problems.addAll(KafkaClientSecurity.problems(endpoint.kafka(), key + ".kafka", environment));
            }
        }
        if (config.audit().journal() != null && isBlank(config.audit().journal())) {
            problems.add(new ConfigProblem("audit.journal", "must name a directory"));
        }
    }

    /** The evidence-grade chain: its secret is in the environment and long enough; the signing key loads. */
    private void checkAuditChain(AuditConfig audit, List<ConfigProblem> problems) {
        if (audit.chainKeyEnv() != null) {
            String secret = isBlank(audit.chainKeyEnv()) ? null : environment.apply(audit.chainKeyEnv());
            if (isBlank(audit.chainKeyEnv())) {
                problems.add(new ConfigProblem("audit.chain-key-env", "must name an environment variable"));
            } else if (secret == null) {
                problems.add(new ConfigProblem("audit.chain-key-env", "environment variable " + audit.chainKeyEnv()
                        + " is not set; it holds the region's audit chain secret"));
            } else if (secret.length() < AuditChainKey.MIN_SECRET_CHARS) {
                problems.add(new ConfigProblem("audit.chain-key-env", "the secret in " + audit.chainKeyEnv()
                        + " must be at least " + AuditChainKey.MIN_SECRET_CHARS + " characters (e.g. openssl rand -hex 32)"));
            }
        }
        if (audit.signingKeyFile() != null) {
            try {
                AuditSigningKey.load(java.nio.file.Path.of(audit.signingKeyFile()));
            } catch (IllegalArgumentException e) {
                problems.add(new ConfigProblem("audit.signing-key-file", e.getMessage()));
            }
        }
        if (audit.checkpointEvery() < 1) {
            problems.add(new ConfigProblem("audit.checkpoint-every", "must be at least 1"));
        }
        if (audit.checkpointInterval().compareTo(java.time.Duration.ofSeconds(1)) < 0) {
            problems.add(new ConfigProblem("audit.checkpoint-interval", "must be at least 1s"));
        }
    }

    private static boolean isHttpUrl(String text) {
        try {
            URI uri = new URI(text);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
