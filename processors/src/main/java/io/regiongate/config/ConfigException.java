package io.regiongate.config;

import java.util.List;
import java.util.stream.Collectors;

/** The configuration cannot be used. The message names the file, each key and what is wrong. */
public class ConfigException extends Exception {

    private final String source;
    private final List<ConfigProblem> problems;

    public ConfigException(String source, List<ConfigProblem> problems) {
        super(format(source, problems));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String source, ConfigProblem problem) {
        this(source, List.of(problem));
    }

    public String source() {
        return source;
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String format(String source, List<ConfigProblem> problems) {
        return "invalid configuration in " + source + ":\n"
                + problems.stream().map(problem -> "  - " + problem).collect(Collectors.joining("\n"));
    }
}
