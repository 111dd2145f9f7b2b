package io.regiongate.e2e.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * A generated corpus of hostile requests, the same for the same seed: wrong types, huge and
 * negative numbers, deep JSON, invalid UTF-8, megabyte strings, CR/LF and NUL in headers,
 * duplicate keys, truncated bodies, bodies shorter than their Content-Length, wrong content types,
 * bad credentials, odd methods and paths, oversized headers; a few valid requests among them.
 */
public final class HostileRequests {

    /** One request of the corpus: what kind it is and its bytes on the wire. */
    public record Hostile(String kind, byte[] bytes) {
    }

    private static final String CHAT = "/v1/chat/completions";

    private final String bearer;
    private final Random random;
    private final List<Function<Integer, Hostile>> kinds = new ArrayList<>();

    public HostileRequests(String bearer, long seed) {
        this.bearer = bearer;
        this.random = new Random(seed);
        kinds.add(i -> json("wrong-type-model", "{\"model\":" + pick("42", "[\"gpt-4o\"]", "{}", "true", "null", "\"\"")
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"));
        kinds.add(i -> json("wrong-type-messages", "{\"model\":\"gpt-4o\",\"messages\":" + pick("\"hi\"", "42", "{}",
                "[42]", "[{}]", "[{\"role\":7}]", "[null]", "null") + "}"));
        kinds.add(i -> json("wrong-type-stream", body(",\"stream\":" + pick("\"true\"", "1", "[]", "{}"))));
        kinds.add(i -> json("numbers", body(",\"" + pick("max_tokens", "max_completion_tokens", "n") + "\":" + pick(
                "9223372036854775807", "-9223372036854775808", "99999999999999999999999", "1e308", "-1e308", "0", "-1",
                "1.5", "\"12\"", "NaN", "Infinity", "1048577", "129"))));
        kinds.add(i -> json("number-passthrough", body(",\"temperature\":" + pick("1e308", "\"hot\"", "-99", "[]"))));
        kinds.add(i -> {
            int depth = 2000 + random.nextInt(3000);
            return json("deep-json", "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":"
                    + "[".repeat(depth) + "]".repeat(depth) + "}]}");
        });
        kinds.add(i -> raw("invalid-utf8", CHAT, invalidUtf8(), "Authorization: " + bearer, "Content-Type: application/json"));
        kinds.add(i -> json("megabyte-string", "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + "a".repeat(random.nextBoolean() ? 1_040_000 : 1_100_000) + "\"}]}"));
        kinds.add(i -> json("megabyte-model", "{\"model\":\"" + "m".repeat(1_040_000) + "\",\"messages\":[{\"role\":\"user\"}]}"));
        kinds.add(i -> raw("crlf-in-header", CHAT, valid(), "Authorization: " + bearer, "Content-Type: application/json",
                pick("X-RegionGate-Residency: eu\r\nX-Injected: 1", "X-RegionGate-Consent: ok\rX-Bare-Cr: 1",
                        "X-RegionGate-Residency: e\u0000u", "X-RegionGate-Consent: a\nb")));
        kinds.add(i -> json("duplicate-keys", pick("{\"model\":\"gpt-4o\",\"model\":\"other\",\"messages\":[{\"role\":\"user\"}]}",
                "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"role\":\"system\"}]}")));
        kinds.add(i -> {
            byte[] whole = valid();
            byte[] cut = new byte[1 + random.nextInt(whole.length - 1)];
            System.arraycopy(whole, 0, cut, 0, cut.length);
            return raw("truncated-json", CHAT, cut, "Authorization: " + bearer, "Content-Type: application/json");
        });
        kinds.add(i -> raw("short-of-content-length", CHAT, valid(), "Authorization: " + bearer,
                "Content-Type: application/json", "Content-Length: " + (valid().length + 100)));
        kinds.add(i -> raw("wrong-content-type", CHAT, valid(), "Authorization: " + bearer, "Content-Type: " + pick(
                "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "text/plain", "application/xml",
                "application/json; charset=utf-16")));
        kinds.add(i -> raw("no-content-type", CHAT, valid(), "Authorization: " + bearer));
        kinds.add(i -> raw("bad-credential", CHAT, valid(), "Content-Type: application/json", pick("Authorization: Bearer",
                "Authorization: Basic dXNlcjpwYXNz", "Authorization: Bearer " + "k".repeat(6000),
                "Authorization: Bearer \u00e9\u00e8", "Authorization: bearer  ", "X-No-Auth: 1")));
        kinds.add(i -> new Hostile("odd-method-or-path", RawHttp.request(pick("GET", "PUT", "DELETE", "PATCH", "POST"),
                pick(CHAT, "/v1/../admin/usage/acme-eu", "/v1/chat/completions?x=" + "q".repeat(3000),
                        "/v1/models/../../etc/passwd", "/%00", "/v1/chat/completions/extra"), valid(),
                "Authorization: " + bearer, "Content-Type: application/json")));
        kinds.add(i -> raw("oversized-header", CHAT, valid(), "Authorization: " + bearer, "Content-Type: application/json",
                "X-Big: " + "b".repeat(random.nextBoolean() ? 9000 : 70_000)));
        kinds.add(i -> raw("residency-headers", CHAT, valid(), "Authorization: " + bearer, "Content-Type: application/json",
                pick("X-RegionGate-Residency: mars", "X-RegionGate-Residency: " + "z".repeat(500), "X-RegionGate-Consent: "
                        + "c".repeat(200), "X-RegionGate-Consent: bad consent!", "X-RegionGate-Forwarded-By: us-east-1")));
        kinds.add(i -> json("valid", new String(valid(), StandardCharsets.UTF_8)));
        kinds.add(i -> json("valid-stream", body(",\"stream\":true")));
    }

    /** The {@code i}-th request of the corpus. */
    public Hostile next(int i) {
        return kinds.get(i % kinds.size()).apply(i);
    }

    private Hostile json(String kind, String json) {
        return raw(kind, CHAT, json.getBytes(StandardCharsets.UTF_8), "Authorization: " + bearer,
                "Content-Type: application/json");
    }

    private static Hostile raw(String kind, String path, byte[] body, String... headers) {
        return new Hostile(kind, RawHttp.request("POST", path, body, headers));
    }

    private static String body(String extra) {
        return "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]" + extra + "}";
    }

    private static byte[] valid() {
        return body("").getBytes(StandardCharsets.UTF_8);
    }

    private byte[] invalidUtf8() {
        byte[] prefix = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE, (byte) 0xED, (byte) 0xA0, (byte) 0x80};
        byte[] suffix = "\"}]}".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[prefix.length + bad.length + suffix.length];
        System.arraycopy(prefix, 0, all, 0, prefix.length);
        System.arraycopy(bad, 0, all, prefix.length, bad.length);
        System.arraycopy(suffix, 0, all, prefix.length + bad.length, suffix.length);
        return all;
    }

    private String pick(String... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
