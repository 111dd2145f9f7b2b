package io.regiongate.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A forward is believed only with the link's signature over this very request, fresh and not seen before. */
class ForwardedRequestVerifierTest {

    private static final String SECRET = "eu-us-link-secret-0123456789abcdef";
    private static final long NOW = 1_796_200_000L;
    private static final String PATH = "/v1/chat/completions";
    private static final byte[] BODY = "{\"model\":\"gpt-4o\",\"messages\":[]}".getBytes(StandardCharsets.UTF_8);
    private static final String ARRIVAL_ID = "req_0123456789abcdef0123456789abcdef";

    private final ForwardedRequestVerifier usRuntime = new ForwardedRequestVerifier(
            PeerLinks.of(Map.of("eu-west-1", SECRET)), Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));

    private static String signed(String secret, byte[] body, long at, String from) {
        return PeerProof.sign(secret.getBytes(StandardCharsets.UTF_8), "POST", PATH, body, at, from, ARRIVAL_ID).header();
    }

    @Test
    void believesAForwardSignedWithTheLinksSecretOverThisRequest() {
        assertThat(usRuntime.refusal("eu-west-1", ARRIVAL_ID, signed(SECRET, BODY, NOW, "eu-west-1"), "POST", PATH, BODY))
                .isNull();
    }

    @Test
    void refusesPeerHeadersWithoutASignature() {
        assertThat(usRuntime.refusal("eu-west-1", ARRIVAL_ID, null, "POST", PATH, BODY))
                .isEqualTo("no well-formed X-RegionGate-Peer-Signature");
        assertThat(usRuntime.refusal("eu-west-1", ARRIVAL_ID, "t=1,v1=zz", "POST", PATH, BODY))
                .isEqualTo("no well-formed X-RegionGate-Peer-Signature");
        assertThat(usRuntime.refusal(null, ARRIVAL_ID, null, "POST", PATH, BODY))
                .isEqualTo("a peer header without X-RegionGate-Forwarded-By");
    }

    @Test
    void refusesARegionWithoutALinkAndASignatureMadeWithAnotherSecret() {
        assertThat(usRuntime.refusal("ap-south-1", ARRIVAL_ID, signed(SECRET, BODY, NOW, "ap-south-1"), "POST", PATH, BODY))
                .isEqualTo("no link to a region named in X-RegionGate-Forwarded-By");
        assertThat(usRuntime.refusal("eu-west-1", ARRIVAL_ID, signed("a-guessed-secret-0123456789abcdef", BODY, NOW, "eu-west-1"),
                "POST", PATH, BODY)).isEqualTo("the signature does not match the request");
    }

    @Test
    void refusesASignatureMovedToAnotherBodyRegionOrArrivalId() {
        String signature = signed(SECRET, BODY, NOW, "eu-west-1");
        byte[] otherBody = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}".getBytes(StandardCharsets.UTF_8);

        assertThat(usRuntime.refusal("eu-west-1", ARRIVAL_ID, signature, "POST", PATH, otherBody))
                .isEqualTo("the signature does not match the request");
        assertThat(usRuntime.refusal("eu-west-1", "req_ffffffffffffffffffffffffffffffff", signature, "POST", PATH, BODY))
                .isEqualTo("the signature does not match the request");
    }

    @Test
    void refusesAStaleSignatureAndAReplayedOne() {
        assertThat(usRuntime.refusal("eu-west-1", ARRIVAL_ID, signed(SECRET, BODY, NOW - 31, "eu-west-1"), "POST", PATH, BODY))
                .isEqualTo("the signature is outside the 30 s window");
        assertThat(usRuntime.refusal("eu-west-1", ARRIVAL_ID, signed(SECRET, BODY, NOW + 31, "eu-west-1"), "POST", PATH, BODY))
                .isEqualTo("the signature is outside the 30 s window");

        String once = signed(SECRET, BODY, NOW - 30, "eu-west-1");
        assertThat(usRuntime.refusal("eu-west-1", ARRIVAL_ID, once, "POST", PATH, BODY)).isNull();
        assertThat(usRuntime.refusal("eu-west-1", ARRIVAL_ID, once, "POST", PATH, BODY))
                .isEqualTo("the signature was used before");
    }
}
