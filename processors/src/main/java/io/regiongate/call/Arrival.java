package io.regiongate.call;

/**
 * Where a forwarded request arrived first: the forwarding runtime's region and the request id it
 * gave the request (null when it sent none that was well formed).
 */
public record Arrival(String region, String requestId) {
}
