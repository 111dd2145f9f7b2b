package io.regiongate.api;

/** The OpenAI API operations RegionGate serves, each with its path on the gateway and below an upstream's base URL. */
public enum ApiOperation {

    CHAT_COMPLETIONS("/v1/chat/completions", "chat.completions"),
    EMBEDDINGS("/v1/embeddings", "embeddings"),
    RESPONSES("/v1/responses", "responses");

    private static final String VERSION_PREFIX = "/v1/";

    private final String path;
    private final String word;

    ApiOperation(String path, String word) {
        this.path = path;
        this.word = word;
    }

    /** The path clients and peers post to, e.g. {@code /v1/embeddings}; a forward is signed for it. */
    public String path() {
        return path;
    }

    /** The path below an upstream's base URL (which ends in {@code /v1}), e.g. {@code embeddings}. */
    public String upstreamPath() {
        return path.substring(VERSION_PREFIX.length());
    }

    /** True for the Responses API, whose streams are typed events ending without {@code [DONE]}. */
    public boolean typedEvents() {
        return this == RESPONSES;
    }

    /** What records call the operation, e.g. {@code chat.completions}. */
    public String word() {
        return word;
    }
}
