package io.regiongate.runtime;

import io.regiongate.tls.ClientTls;
import javax.net.ssl.SSLContext;
import org.apache.camel.CamelContext;
import org.apache.camel.support.jsse.SSLContextParameters;

/**
 * camel-http's SSL settings of one peer link with mutual TLS: the {@link SSLContext} loaded from
 * {@code peers[].tls} (this runtime's certificate; only the link's CAs trusted), the same material the
 * streaming client and the prober use, rather than a second reading of the files by Camel's key store
 * parameters (which know no PEM keys).
 */
final class PeerSslContextParameters extends SSLContextParameters {

    private final ClientTls tls;

    PeerSslContextParameters(ClientTls tls) {
        this.tls = tls;
    }

    @Override
    public SSLContext createSSLContext(CamelContext camelContext) {
        return tls.sslContext();
    }
}
