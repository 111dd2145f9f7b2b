package io.regiongate.api;

/** Parses and checks the body of one {@link ApiOperation}; a bad body is a {@link GatewayException} with a 4xx. */
public interface ApiRequestParser {

    ChatRequest parse(byte[] body);
}
