package io.regiongate.camel;

import io.regiongate.routes.Endpoints;

/** What a {@code regiongate:} endpoint calls: the flow's in-process entry. */
public enum RegionGateOperation {

    /** {@code POST /v1/chat/completions}: body an OpenAI chat request, answer OpenAI's JSON. */
    chat(Endpoints.CHAT),
    /** {@code GET /v1/models}: the models the tenant may use in this region. */
    models(Endpoints.MODELS);

    private final String entry;

    RegionGateOperation(String entry) {
        this.entry = entry;
    }

    String entry() {
        return entry;
    }
}
