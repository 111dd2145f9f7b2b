package io.regiongate.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * The admin listener, apart from the API: {@code /admin/*}, {@code /metrics} and the detailed
 * {@code /health/ready} are served there only.
 *
 * @param listen      where it listens; by default 127.0.0.1:9090 (port 0: any free port)
 * @param tokenSha256 the SHA-256 of the admin bearer token, 64 lower-case hex digits (the token
 *                    itself is never configured); null: the token is taken from
 *                    {@code REGIONGATE_ADMIN_TOKEN}, and without either the admin endpoints answer 404
 * @param watchInterval how often the configuration file and its overlay are checked for a change,
 *                      which is then reloaded as {@code POST /admin/reload} would; 0: not watched.
 *                      Default {@link #DEFAULT_WATCH_INTERVAL}
 */
public record AdminConfig(Listen listen, @JsonProperty("token-sha256") String tokenSha256,
                          @JsonProperty("watch-interval") Duration watchInterval) {

    public static final Duration DEFAULT_WATCH_INTERVAL = Duration.ofSeconds(2);

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 9090;

    /** The admin listener's address. */
    public record Listen(String host, Integer port) {

        public Listen {
            host = host == null ? DEFAULT_HOST : host;
            port = port == null ? DEFAULT_PORT : port;
        }
    }

    public AdminConfig {
        listen = listen == null ? new Listen(null, null) : listen;
        watchInterval = watchInterval == null ? DEFAULT_WATCH_INTERVAL : watchInterval;
    }

    public AdminConfig(Listen listen, String tokenSha256) {
        this(listen, tokenSha256, null);
    }

    public static AdminConfig defaults() {
        return new AdminConfig(null, null);
    }
}
