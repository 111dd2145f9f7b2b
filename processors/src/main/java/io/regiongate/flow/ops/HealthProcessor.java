package io.regiongate.flow.ops;

import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * {@code /health/live} and {@code /health/ready} as Camel steps, answering what the
 * {@link HealthReport} says. (The standalone runtime answers the same report on its event loops
 * before a request reaches a worker thread, so that health is answered when every worker is busy.)
 */
public final class HealthProcessor implements Processor {

    private final Supplier<HealthReport.Answer> answer;
    private final Supplier<HealthReport.Answer> localAnswer;

    private HealthProcessor(Supplier<HealthReport.Answer> answer, Supplier<HealthReport.Answer> localAnswer) {
        this.answer = answer;
        this.localAnswer = localAnswer;
    }

    public static HealthProcessor liveness(HealthReport report) {
        return new HealthProcessor(report::live, report::live);
    }

    public static HealthProcessor readiness(HealthReport report) {
        return new HealthProcessor(report::ready, report::readyLocally);
    }

    @Override
    public void process(Exchange exchange) {
        boolean local = "local".equals(exchange.getIn().getHeader("scope", String.class));
        HealthReport.Answer report = local ? localAnswer.get() : answer.get();
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, report.status());
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(report.json());
    }
}
