package io.regiongate.runtime;

import io.regiongate.api.OpenAiError;
import io.regiongate.api.OpenAiErrorBody;
import io.regiongate.call.RequestIds;
import io.regiongate.config.ListenConfig;
import io.regiongate.flow.GatewayHeaders;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;

/**
 * The Vert.x HTTP server the platform-http flows listen on, sized from {@code listen}, and the
 * answers Vert.x itself would otherwise give in plain text: unknown path (404), wrong method
 * (405) and a body over the limit (413), all in the OpenAI error shape.
 *
 * <p>Camel starts one Vert.x server, which serves every connection on one event loop: that loop
 * does every client socket write of every stream. {@code listen.event-loops} further servers share
 * its port and routes; Vert.x spreads accepted connections over them round robin.
 */
final class ApiHttpServer {

    private static final String SERVER_BEAN = "regiongateHttpServer";

    private final ListenConfig listen;
    private final String region;
    private volatile KnownPaths knownPaths;

    ApiHttpServer(ListenConfig listen, String region) {
        this.listen = listen;
        this.region = region;
    }

    /**
     * Fails early, with a plain message, when the listen address cannot be bound. Camel 4.18's
     * Vert.x server only logs that failure and keeps running without a listener.
     */
    void requireBindable() {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(listen.host(), listen.port()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + listen.host() + ":" + listen.port() + ": "
                    + e.getMessage());
        }
    }

    /** True once the server is bound; false when it failed to bind after all. */
    boolean isListening(CamelContext context) {
        VertxPlatformHttpServer server = context.getRegistry().lookupByNameAndType(SERVER_BEAN, VertxPlatformHttpServer.class);
        return server != null && server.getServer() != null && server.getServer().actualPort() > 0;
    }

    /** Binds what the server needs into the registry; call before the context starts. */
    void register(CamelContext context) {
        VertxOptions options = new VertxOptions()
                .setEventLoopPoolSize(Math.max(VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE, listen.eventLoops()))
                .setWorkerPoolSize(listen.workerThreads())
                // a stream holds its worker for its whole length: no blocked-thread warnings for that
                .setMaxWorkerExecuteTime(6)
                .setMaxWorkerExecuteTimeUnit(TimeUnit.HOURS);
        context.getRegistry().bind("regiongateVertxOptions", options);

        VertxPlatformHttpServerConfiguration configuration = new VertxPlatformHttpServerConfiguration();
        configuration.setBindHost(listen.host());
        configuration.setBindPort(listen.port());
        // one byte over the limit is enough for Vert.x to refuse the body without buffering more
        configuration.setMaxBodySize(listen.maxRequestBytes() + 1);
        VertxPlatformHttpServer server = new VertxPlatformHttpServer(configuration);
        context.getRegistry().bind("regiongateHttpServerConfiguration", configuration);
        context.getRegistry().bind(SERVER_BEAN, server);
        try {
            context.addService(server, true, true);
        } catch (Exception e) {
            throw new IllegalStateException("cannot add the HTTP server", e);
        }
    }

    /** Starts the further servers, each on its own event loop; call once the context has started. */
    void addEventLoops(CamelContext context) {
        VertxPlatformHttpServer platformServer = context.getRegistry()
                .lookupByNameAndType(SERVER_BEAN, VertxPlatformHttpServer.class);
        HttpServer first = platformServer.getServer();
        for (int i = 1; i < listen.eventLoops(); i++) {
            // created outside any Vert.x context, each server gets a context on the next event loop
            HttpServer more = platformServer.getVertx().createHttpServer(new HttpServerOptions())
                    .requestHandler(first.requestHandler());
            try {
                more.listen(first.actualPort(), listen.host()).toCompletionStage().toCompletableFuture()
                        .get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the HTTP server's event loops", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("cannot start HTTP server event loop " + (i + 1) + " on "
                        + listen.host() + ":" + first.actualPort(), e);
            }
        }
    }

    /** Adds the OpenAI-shaped fallbacks; call once the context has started (the routes tell the known paths). */
    void addFallbacks(CamelContext context) {
        knownPaths = KnownPaths.of(context);
        Router router = VertxPlatformHttpRouter.lookup(context,
                VertxPlatformHttpRouter.getRouterNameFromPort(listen.port()));
        router.route().order(Integer.MAX_VALUE).handler(this::unknownRoute);
        router.route().order(-1).failureHandler(this::failure);
    }

    private void unknownRoute(RoutingContext context) {
        String path = context.normalizedPath();
        String allowed = knownPaths.allowedMethods(path);
        if (allowed != null) {
            context.response().putHeader("Allow", allowed);
            send(context, OpenAiError.methodNotAllowed(context.request().method().name(), path));
        } else {
            send(context, OpenAiError.notFound(path));
        }
    }

    private void failure(RoutingContext context) {
        if (context.statusCode() == 413) {
            send(context, OpenAiError.bodyTooLarge(listen.maxRequestBytes()));
        } else {
            context.next();
        }
    }

    private void send(RoutingContext context, OpenAiError error) {
        if (context.response().ended()) {
            return;
        }
        context.response()
                .setStatusCode(error.status())
                .putHeader(GatewayHeaders.REQUEST_ID, RequestIds.next())
                .putHeader(GatewayHeaders.REGION, region)
                .putHeader("Content-Type", "application/json")
                .end(OpenAiErrorBody.json(error));
    }
}
