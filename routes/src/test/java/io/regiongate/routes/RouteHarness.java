package io.regiongate.routes;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.RouteDefinition;

/**
 * A Camel context with RegionGate's routes and stub steps that record the order they ran in, for
 * testing a RouteBuilder's wiring without the runtime: no HTTP server, no Hazelcast, no Kafka.
 */
final class RouteHarness implements AutoCloseable {

    private final DefaultCamelContext context = new DefaultCamelContext();
    private final List<String> ran = new CopyOnWriteArrayList<>();
    private final Properties properties = new Properties();
    private ProducerTemplate template;

    RouteHarness() {
        context.getPropertiesComponent().setInitialProperties(properties);
        property("regiongate.audit.queue-size", "100");
        property("regiongate.audit.sync-timeout-ms", "5000");
    }

    /** Binds a step that records its name, then does {@code then}. */
    RouteHarness step(String stepName, Processor then) {
        context.getRegistry().bind(stepName, (Processor) exchange -> {
            ran.add(stepName);
            then.process(exchange);
        });
        return this;
    }

    /** Binds steps that only record their names. */
    RouteHarness steps(String... stepNames) {
        for (String name : stepNames) {
            step(name, exchange -> { });
        }
        return this;
    }

    /** Binds a real processor (or bean) under a step's name, unrecorded. */
    RouteHarness bind(String name, Object bean) {
        context.getRegistry().bind(name, bean);
        return this;
    }

    /** A stub route at {@code uri} that records {@code name} and does {@code then}. */
    RouteHarness endpoint(String uri, String name, Processor then) {
        return routes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("stub-" + name).process(exchange -> {
                    ran.add(name);
                    then.process(exchange);
                });
            }
        });
    }

    RouteHarness routes(RoutesBuilder... builders) {
        try {
            for (RoutesBuilder builder : builders) {
                context.addRoutes(builder);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** A route made from a route template, added to the started context as the runtime adds its call routes. */
    RouteHarness fromTemplate(String templateId, String routeId, Map<String, String> parameters) {
        TemplatedRouteBuilder builder = TemplatedRouteBuilder.builder(context, templateId).routeId(routeId)
                .prefixId(routeId + "-");
        parameters.forEach(builder::parameter);
        builder.add();
        return this;
    }

    RouteHarness property(String key, String value) {
        properties.setProperty(key, value);
        return this;
    }

    /** Replaces a route's consumer (e.g. platform-http) with {@code direct:<routeId>}. */
    RouteHarness enteredDirectly(String routeId) {
        try {
            AdviceWith.adviceWith(context, routeId, advice -> advice.replaceFromWith("direct:" + routeId));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    RouteHarness start() {
        context.start();
        template = context.createProducerTemplate();
        return this;
    }

    Exchange send(String uri, Consumer<Exchange> request) {
        return template.send(uri, request::accept);
    }

    /** The steps and stub endpoints that ran, in order. */
    List<String> ran() {
        return List.copyOf(ran);
    }

    /** The ids of a route's top-level nodes, in order. */
    List<String> nodeIds(String routeId) {
        return definition(routeId).getOutputs().stream().map(ProcessorDefinition::getId).toList();
    }

    RouteDefinition definition(String routeId) {
        return context.getRouteDefinition(routeId);
    }

    @Override
    public void close() {
        context.stop();
    }
}
