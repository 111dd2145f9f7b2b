package io.regiongate.runtime;

import io.regiongate.config.ListenConfig;
import io.regiongate.config.ListenTlsConfig;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;
import java.util.Set;
import java.util.function.Function;

/**
 * The options of the public listeners, from {@code listen}: plain HTTP, or TLS 1.2 and 1.3 only with
 * the configured certificate and, when asked, client certificates checked against the configured
 * CAs. Passwords come from the environment. HTTP/1.1 only: with cleartext HTTP/2 on (Vert.x's
 * default), a connection is set up only once its first bytes tell which protocol it speaks, so one
 * that sends nothing never reached the request-head deadline ({@link RequestReadGuard}).
 */
final class ListenerOptions {

    private static final Set<String> PROTOCOLS = Set.of("TLSv1.2", "TLSv1.3");

    private ListenerOptions() {
    }

    static HttpServerOptions of(ListenConfig listen, Function<String, String> environment) {
        HttpServerOptions options = new HttpServerOptions().setHttp2ClearTextEnabled(false);
        ListenTlsConfig tls = listen.tls();
        if (tls == null) {
            return options;
        }
        options.setSsl(true).setEnabledSecureTransportProtocols(PROTOCOLS);
        if (tls.pem()) {
            options.setKeyCertOptions(new PemKeyCertOptions().setCertPath(tls.certChain()).setKeyPath(tls.key()));
        } else {
            options.setKeyCertOptions(new PfxOptions().setPath(tls.keystore())
                    .setPassword(environment.apply(tls.keystorePasswordEnv())));
        }
        if (tls.trust() != null) {
            options.setTrustOptions(ListenTlsConfig.pkcs12(tls.trust())
                    ? new PfxOptions().setPath(tls.trust()).setPassword(environment.apply(tls.trustPasswordEnv()))
                    : new PemTrustOptions().addCertPath(tls.trust()));
        }
        options.setClientAuth(switch (tls.clientAuth()) {
            case NONE -> ClientAuth.NONE;
            case WANT -> ClientAuth.REQUEST;
            case NEED -> ClientAuth.REQUIRED;
        });
        return options;
    }
}
