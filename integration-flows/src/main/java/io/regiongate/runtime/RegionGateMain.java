package io.regiongate.runtime;

import io.regiongate.audit.AuditDirectoryLock;
import io.regiongate.config.ConfigException;
import io.regiongate.config.ConfigLoader;
import io.regiongate.config.ConfigSource;
import io.regiongate.config.GatewayConfig;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code java -jar regiongate.jar [--config FILE] [--region REGION]}: loads and validates the
 * configuration (or the embedded default), then runs the region's runtime. A bad configuration
 * ends the process with exit code 2 and a message naming the file, the key and the problem; so
 * does an audit directory another runtime is using.
 */
public final class RegionGateMain {

    static final int EXIT_BAD_CONFIG = 2;
    static final int EXIT_BAD_USAGE = 64;
    static final int EXIT_START_FAILED = 1;

    private RegionGateMain() {
    }

    public static void main(String[] args) throws Exception {
        if (AuditVerifyCommand.isAuditCommand(args)) {
            System.exit(AuditVerifyCommand.run(List.of(args).subList(1, args.length), System.out, System.err));
            return;
        }
        Function<String, String> environment = System::getenv;
        CommandLine commandLine;
        try {
            commandLine = CommandLine.parse(args, environment);
        } catch (IllegalArgumentException e) {
            System.err.println("regiongate: " + e.getMessage());
            System.err.println(CommandLine.USAGE);
            System.exit(EXIT_BAD_USAGE);
            return;
        }
        if (commandLine.help()) {
            System.out.println(CommandLine.USAGE);
            return;
        }
        GatewayConfig config;
        ConfigSource source = sourceOf(commandLine);
        try {
            config = source.load(new ConfigLoader(environment));
        } catch (ConfigException e) {
            System.err.println("regiongate: " + e.getMessage());
            System.exit(EXIT_BAD_CONFIG);
            return;
        }
        Map<String, String> demoKeys = commandLine.config() == null ? EmbeddedDefault.DEMO_KEYS : Map.of();
        try {
            new RegionRuntime(config, source, environment)
                    .run(upstreams -> System.out.println(StartupBanner.render(config, upstreams, demoKeys)));
        } catch (Exception e) {
            // Camel may wrap what the library threw while its routes were added: look for the cause
            ConfigException badSetting = causeOf(e, ConfigException.class);
            AuditDirectoryLock.InUse inUse = causeOf(e, AuditDirectoryLock.InUse.class);
            if (badSetting != null) {
                // a setting that the reachable parts show cannot work (e.g. the audit cluster's protocol)
                System.err.println("regiongate: " + badSetting.getMessage());
                System.exit(EXIT_BAD_CONFIG);
            } else if (inUse != null) {
                // like a bad configuration: two runtimes configured onto one audit directory
                System.err.println("regiongate: " + config.region() + " cannot start: " + inUse.getMessage());
                System.exit(EXIT_BAD_CONFIG);
            }
            System.err.println("regiongate: " + config.region() + " failed to start: " + rootMessage(e));
            System.exit(EXIT_START_FAILED);
        }
    }

    /** The first throwable of {@code type} in {@code failure}'s cause chain, or null. */
    static <T extends Throwable> T causeOf(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root == failure ? message : message + " (" + failure.getMessage() + ")";
    }

    static ConfigSource sourceOf(CommandLine commandLine) {
        return commandLine.config() == null
                ? ConfigSource.resource(EmbeddedDefault.RESOURCE, commandLine.region())
                : ConfigSource.file(commandLine.config(), commandLine.region());
    }
}
