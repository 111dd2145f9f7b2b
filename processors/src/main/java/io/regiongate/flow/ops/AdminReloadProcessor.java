package io.regiongate.flow.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.regiongate.api.GatewayException;
import io.regiongate.api.OpenAiError;
import io.regiongate.flow.Calls;
import io.regiongate.flow.GatewayHeaders;
import io.regiongate.flow.answer.ResponseHeaders;
import io.regiongate.reload.ReloadOutcome;
import io.regiongate.reload.Reloader;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * {@code POST /admin/reload}: reads the configuration file again and applies its tenants, keys,
 * quotas, redaction and upstreams (see {@link Reloader}). 200 with what was applied and what needs
 * a restart; 422 {@code config_invalid} naming the file, each key and its problem when the new file
 * is refused (the running configuration stays); 409 {@code reload_unavailable} for the packaged
 * default. Guarded by the {@link AdminAuthorization}.
 */
public final class AdminReloadProcessor implements Processor {

    public static final String PATH = "/admin/reload";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Reloader reloader;
    private final AdminAuthorization admin;
    private final ResponseHeaders responseHeaders;

    public AdminReloadProcessor(Reloader reloader, AdminAuthorization admin, ResponseHeaders responseHeaders) {
        this.reloader = reloader;
        this.admin = admin;
        this.responseHeaders = responseHeaders;
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getIn();
        String authorization = in.getHeader(GatewayHeaders.AUTHORIZATION, String.class);
        in.removeHeader(GatewayHeaders.AUTHORIZATION);
        admin.check(authorization, PATH);
        if (!reloader.canReload()) {
            throw new GatewayException(OpenAiError.reloadUnavailable(reloader.source()));
        }
        ReloadOutcome outcome = reloader.reload(Reloader.Trigger.ADMIN);
        if (outcome.wasRefused()) {
            throw new GatewayException(OpenAiError.configInvalid(outcome.problem()));
        }
        ObjectNode body = JSON.createObjectNode()
                .put("status", outcome.status())
                .put("source", outcome.source())
                .put("generation", outcome.generation());
        body.set("changed", JSON.valueToTree(outcome.changed()));
        body.set("restart_required", JSON.valueToTree(outcome.needsRestart()));
        Message message = exchange.getMessage();
        responseHeaders.replaceOn(message, Calls.find(exchange));
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(body.toString());
    }
}
