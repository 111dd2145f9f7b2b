package io.regiongate.runtime;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * The runtime's arguments: {@code [--config FILE] [--region REGION] [--help]}. Flags win over the
 * environment variables {@code REGIONGATE_CONFIG} and {@code REGIONGATE_REGION}.
 */
public record CommandLine(Path config, String region, boolean help) {

    public static final String ENV_CONFIG = "REGIONGATE_CONFIG";
    public static final String ENV_REGION = "REGIONGATE_REGION";

    public static final String USAGE = """
            usage: java -jar regiongate.jar [--config FILE] [--region REGION]
              --config FILE    the deployment's YAML configuration (env REGIONGATE_CONFIG);
                               without it the embedded default runs (one region, simulated upstream)
              --region REGION  the region this runtime serves (env REGIONGATE_REGION);
                               selects the overlay FILE-without-.yaml.REGION.yaml when present
              --help           this text""";

    /** @throws IllegalArgumentException with a message for the operator */
    public static CommandLine parse(String[] args, Function<String, String> environment) {
        String config = environment.apply(ENV_CONFIG);
        String region = environment.apply(ENV_REGION);
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--config" -> config = value(args, ++i, arg);
                case "--region" -> region = value(args, ++i, arg);
                case "--help", "-h" -> help = true;
                default -> {
                    if (arg.startsWith("--config=")) {
                        config = arg.substring("--config=".length());
                    } else if (arg.startsWith("--region=")) {
                        region = arg.substring("--region=".length());
                    } else {
                        throw new IllegalArgumentException("unknown argument '" + arg + "'");
                    }
                }
            }
        }
        return new CommandLine(blank(config) ? null : Path.of(config), blank(region) ? null : region, help);
    }

    private static String value(String[] args, int index, String flag) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[index];
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
