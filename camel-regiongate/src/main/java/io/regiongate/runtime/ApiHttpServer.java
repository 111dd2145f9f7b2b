package io.regiongate.runtime;

import io.regiongate.api.OpenAiError;
import io.regiongate.api.OpenAiErrorBody;
import io.regiongate.call.RequestIds;
import io.regiongate.config.AdminConfig;
import io.regiongate.config.ListenConfig;
import io.regiongate.flow.GatewayHeaders;
import io.regiongate.flow.ops.HealthReport;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP listeners of the OpenAI-compatible API, sized and guarded from {@code listen}, in front
 * of the platform-http flows.
 *
 * <p>Camel's platform-http server owns the router the flows register on, but its listener takes no
 * options; it is bound on a loopback port of its own, and the public port is served by
 * {@code listen.event-loops} servers of this class sharing it (Vert.x spreads accepted
 * connections over them round robin, each on its own event loop), all handing requests to that
 * router, all with the same options and guards:
 * <ul>
 *   <li>a connection that sends no complete request head within {@code listen.request-read-timeout}
 *       of connecting is closed, and a request whose body has not fully arrived within it is
 *       answered 408 and its connection closed: slow clients hold sockets for a bounded time and
 *       never a worker thread (the body is read on the event loop before a worker runs the flow);</li>
 *   <li>{@code /health/live} and {@code /health/ready} are answered on the event loop, from the same
 *       {@link HealthReport} as the health flows, so they answer while every worker is busy; on
 *       this listener readiness says its status and region only;</li>
 *   <li>{@code /admin/*} and {@code /metrics} do not exist here (404): they are served, with the
 *       detailed readiness, on the admin listener ({@code admin.listen}, by default 127.0.0.1:9090),
 *       which serves nothing else, on an event loop of its own;</li>
 *   <li>what Vert.x would answer in plain text, unknown path (404), wrong method (405) and a body
 *       over the limit (413), is answered in the OpenAI error shape.</li>
 * </ul>
 */
final class ApiHttpServer {

    private static final Logger LOG = LoggerFactory.getLogger(ApiHttpServer.class);
    private static final String SERVER_BEAN = "regiongateHttpServer";
    private static final String LOOPBACK = "127.0.0.1";

    private final ListenConfig listen;
    private final AdminConfig.Listen adminListen;
    private final String region;
    private final Supplier<HealthReport> health;
    private final Function<String, String> environment;
    private final List<HttpServer> publicServers = new ArrayList<>();
    private Vertx adminVertx;
    private HttpServer adminServer;
    private int routerPort;
    private volatile KnownPaths knownPaths;

    /**
     * @param health      the report {@code /health/*} answers, made once the runtime's parts exist
     * @param environment where the TLS passwords are read
     */
    ApiHttpServer(ListenConfig listen, AdminConfig.Listen adminListen, String region, Supplier<HealthReport> health,
                  Function<String, String> environment) {
        this.listen = listen;
        this.adminListen = adminListen;
        this.region = region;
        this.health = health;
        this.environment = environment;
    }

    /**
     * Fails early, with a plain message, when the listen address cannot be bound. Camel 4.18's
     * Vert.x server only logs that failure and keeps running without a listener.
     */
    void requireBindable() {
        requireBindable(listen.host(), listen.port());
        requireBindable(adminListen.host(), adminListen.port());
    }

    private static void requireBindable(String host, int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + e.getMessage());
        }
    }

    /** True once the public port is served. */
    boolean isListening() {
        return !publicServers.isEmpty() && publicServers.get(0).actualPort() > 0;
    }

    /** Binds what the flows' server needs into the registry; call before the context starts. */
    void register(CamelContext context) {
        VertxOptions options = new VertxOptions()
                .setEventLoopPoolSize(Math.max(VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE, listen.eventLoops()))
                .setWorkerPoolSize(listen.workerThreads())
                // a stream holds its worker for its whole length: no blocked-thread warnings for that
                .setMaxWorkerExecuteTime(6)
                .setMaxWorkerExecuteTimeUnit(TimeUnit.HOURS);
        context.getRegistry().bind("regiongateVertxOptions", options);

        routerPort = freeLoopbackPort();
        VertxPlatformHttpServerConfiguration configuration = new VertxPlatformHttpServerConfiguration();
        configuration.setBindHost(LOOPBACK);
        configuration.setBindPort(routerPort);
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

    /**
     * Adds the guards and fallbacks to the flows' router and opens the public port; call once the
     * context has started (the routes tell the known paths).
     */
    void open(CamelContext context) {
        knownPaths = KnownPaths.of(context);
        Router router = VertxPlatformHttpRouter.lookup(context, VertxPlatformHttpRouter.getRouterNameFromPort(routerPort));
        router.route().order(Integer.MIN_VALUE).handler(this::bodyReadDeadline);
        router.route().order(Integer.MAX_VALUE).handler(this::unknownRoute);
        router.route().order(-1).failureHandler(this::failure);

        VertxPlatformHttpServer flows = context.getRegistry().lookupByNameAndType(SERVER_BEAN, VertxPlatformHttpServer.class);
        Vertx vertx = flows.getVertx();
        RequestReadGuard guard = new RequestReadGuard(vertx, listen.requestReadTimeout());
        int port = listen.port();
        for (int i = 0; i < listen.eventLoops(); i++) {
            // created outside any Vert.x context, each server gets a context on the next event loop
            HttpServer server = vertx.createHttpServer(ListenerOptions.of(listen, environment))
                    .connectionHandler(guard.connections())
                    .requestHandler(guard.requests(request -> publicRequest(request, router)));
            try {
                server.listen(port, listen.host()).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while opening " + listen.host() + ":" + port, e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("cannot listen on " + listen.host() + ":" + port + ": "
                        + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
            }
            publicServers.add(server);
            port = server.actualPort();
        }
        openAdmin(router);
        if (listen.tls() == null && !listen.loopbackOnly()) {
            LOG.warn("the API listens on {}:{} without TLS: prompts cross the network in clear; set listen.tls",
                    listen.host(), port);
        }
    }

    /**
     * The admin listener runs on a Vert.x instance of its own, one event loop that never relays a
     * stream: its health answers do not queue behind the API's event loops when every stream is busy
     * (its {@code /metrics} and {@code /admin/*} still run on the flows' workers).
     */
    private void openAdmin(Router router) {
        adminVertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        adminServer = adminVertx.createHttpServer(new HttpServerOptions()
                        .setIdleTimeout((int) listen.requestReadTimeout().toSeconds())
                        .setIdleTimeoutUnit(TimeUnit.SECONDS))
                .requestHandler(request -> adminRequest(request, router));
        try {
            adminServer.listen(adminListen.port(), adminListen.host()).toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening the admin listener", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot listen on " + adminListen.host() + ":" + adminListen.port()
                    + " (admin.listen): " + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
        }
    }

    /** The port the admin listener took (the configured one, or the one chosen for port 0). */
    int adminPort() {
        return adminServer == null ? -1 : adminServer.actualPort();
    }

    /** The API listener: health in brief, no admin paths, the rest to the flows. */
    private void publicRequest(HttpServerRequest request, Router router) {
        String path = request.path();
        if (isAdminPath(path)) {
            send(request, OpenAiError.notFound(path));
        } else if (!answeredHealth(request, path, false)) {
            router.handle(request);
        }
    }

    /** The admin listener: detailed health, the admin paths, nothing else. */
    private void adminRequest(HttpServerRequest request, Router router) {
        String path = request.path();
        if (isAdminPath(path)) {
            router.handle(request);
        } else if (!answeredHealth(request, path, true)) {
            send(request, OpenAiError.notFound(path));
        }
    }

    private static boolean isAdminPath(String path) {
        return path != null && (path.equals("/metrics") || path.equals("/admin") || path.startsWith("/admin/"));
    }

    private boolean answeredHealth(HttpServerRequest request, String path, boolean detailed) {
        if (request.method() != HttpMethod.GET || path == null) {
            return false;
        }
        HealthReport.Answer answer;
        if (path.equals("/health/live")) {
            answer = health.get().live();
        } else if (path.equals("/health/ready")) {
            answer = "local".equals(request.getParam("scope")) ? health.get().readyLocally() : health.get().ready();
        } else {
            return false;
        }
        HealthReport.Answer told = detailed ? answer : answer.withoutDetails();
        request.response().setStatusCode(told.status()).putHeader("Content-Type", "application/json").end(told.json());
        return true;
    }

    /** The Vert.x instance the flows' server runs on. */
    Vertx vertx(CamelContext context) {
        return context.getRegistry().lookupByNameAndType(SERVER_BEAN, VertxPlatformHttpServer.class).getVertx();
    }

    /** Closes the public port; the flows' own server stops with the context. */
    void close() {
        publicServers.forEach(HttpServer::close);
        if (adminServer != null) {
            adminServer.close();
        }
        if (adminVertx != null) {
            adminVertx.close();
        }
    }

    /** A request whose body has not fully arrived within the read timeout is answered 408 and its connection closed. */
    private void bodyReadDeadline(RoutingContext routing) {
        HttpServerRequest request = routing.request();
        if (!request.isEnded()) {
            long deadline = routing.vertx().setTimer(listen.requestReadTimeout().toMillis(), id -> {
                if (!request.isEnded() && !routing.response().ended()) {
                    send(routing, OpenAiError.requestTimeout(listen.requestReadTimeout()));
                    request.connection().close();
                }
            });
            routing.addEndHandler(ended -> routing.vertx().cancelTimer(deadline));
        }
        routing.next();
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
        } else if (context.failure() instanceof HttpClosedException) {
            // the client closed its connection (or a read deadline did): nobody to answer
            return;
        } else {
            context.next();
        }
    }

    private void send(RoutingContext context, OpenAiError error) {
        send(context.request(), error);
    }

    private void send(HttpServerRequest request, OpenAiError error) {
        if (request.response().ended()) {
            return;
        }
        request.response()
                .setStatusCode(error.status())
                .putHeader(GatewayHeaders.REQUEST_ID, RequestIds.next())
                .putHeader(GatewayHeaders.REGION, region)
                .putHeader("Content-Type", "application/json")
                .end(OpenAiErrorBody.json(error));
    }

    private static int freeLoopbackPort() {
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getByName(LOOPBACK))) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free loopback port for the flows' server", e);
        }
    }
}
