package io.regiongate.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KafkaRequestStepsTest {

    private static final String REPLIES = "regiongate.replies.eu-west-1";
    private static final String REQUEST = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private final CamelContext context = new DefaultCamelContext();
    private final KafkaRequestSteps steps = new KafkaRequestSteps(REPLIES);

    @AfterEach
    void stop() {
        context.stop();
    }

    private Exchange record(String correlationId, String replyTo, String body) {
        Exchange exchange = new DefaultExchange(context);
        exchange.getIn().setBody(body.getBytes(StandardCharsets.UTF_8));
        exchange.getIn().setHeader(KafkaRequestSteps.API_KEY, "rg-key".getBytes(StandardCharsets.UTF_8));
        exchange.getIn().setHeader(KafkaRequestSteps.CORRELATION_ID, correlationId.getBytes(StandardCharsets.UTF_8));
        if (replyTo != null) {
            exchange.getIn().setHeader(KafkaRequestSteps.REPLY_TO, replyTo.getBytes(StandardCharsets.UTF_8));
        }
        exchange.getIn().setHeader(KafkaConstants.KEY, "order-1");
        exchange.getIn().setHeader("some-estate-header", "x");
        return exchange;
    }

    @Test
    void theRecordsKeyHeaderBecomesTheComponentsAndNoOtherRecordHeaderGoesOn() throws Exception {
        Exchange exchange = record("c-1", null, REQUEST);

        steps.request().process(exchange);

        assertThat(exchange.getIn().getHeader(RegionGateConstants.API_KEY)).isEqualTo("rg-key");
        assertThat(exchange.getIn().getHeaders()).doesNotContainKeys(KafkaRequestSteps.API_KEY, "some-estate-header");
    }

    @Test
    void theReplyCarriesTheCorrelationIdStatusAndRequestIdButNothingOfTheRequestsHeaders() throws Exception {
        Exchange exchange = record("c-2", REPLIES + ".orders", REQUEST);
        steps.request().process(exchange);
        exchange.getMessage().setHeader(RegionGateConstants.REQUEST_ID, "req_1");

        steps.reply().process(exchange);

        assertThat(exchange.getMessage().getHeaders())
                .containsEntry(KafkaRequestSteps.CORRELATION_ID, "c-2")
                .containsEntry(KafkaRequestSteps.STATUS, "200")
                .containsEntry(KafkaRequestSteps.REQUEST_ID, "req_1")
                .containsEntry(KafkaConstants.OVERRIDE_TOPIC, REPLIES + ".orders")
                .containsEntry(KafkaConstants.KEY, "order-1")
                .doesNotContainKeys(RegionGateConstants.API_KEY, KafkaRequestSteps.API_KEY);
    }

    @Test
    void aReplyTopicOutsideTheConfiguredOneIsRefused() {
        Exchange exchange = record("c-3", "regiongate.audit.eu-west-1", REQUEST);

        assertThatThrownBy(() -> steps.request().process(exchange))
                .isInstanceOfSatisfying(RegionGateException.class, refused -> assertThat(refused.status()).isEqualTo(400));
    }

    @Test
    void aCorrelationIdAnsweredAlreadyIsARepeatWith409() throws Exception {
        steps.request().process(record("c-4", null, REQUEST));
        Exchange again = record("c-4", null, REQUEST);

        assertThatThrownBy(() -> steps.request().process(again))
                .isInstanceOfSatisfying(RegionGateException.class, refused -> {
                    assertThat(refused.status()).isEqualTo(409);
                    assertThat(refused.code()).isEqualTo("duplicate_request");
                });
        assertThat(again.getIn().getHeader(KafkaRequestSteps.REPEAT)).isEqualTo("true");
    }

    @Test
    void aStreamedRequestIsRefusedTheReplyIsWhole() {
        Exchange exchange = record("c-5", null, REQUEST.replace("{\"model\"", "{\"stream\":true,\"model\""));

        assertThatThrownBy(() -> steps.request().process(exchange))
                .isInstanceOfSatisfying(RegionGateException.class, refused -> assertThat(refused.status()).isEqualTo(400));
    }

    @Test
    void aRefusalBecomesTheReplyInOpenAisErrorShapeWithItsStatus() throws Exception {
        Exchange exchange = record("c-6", null, REQUEST);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new RegionGateException(429, "tokens", "rate_limit_exceeded",
                "Rate limit reached", "req_2"));

        steps.refused().process(exchange);
        steps.reply().process(exchange);

        assertThat(exchange.getMessage().getBody(String.class))
                .contains("\"code\":\"rate_limit_exceeded\"").contains("\"message\":\"Rate limit reached\"");
        assertThat(exchange.getMessage().getHeaders())
                .containsEntry(KafkaRequestSteps.STATUS, "429")
                .containsEntry(KafkaRequestSteps.REQUEST_ID, "req_2");
    }
}
