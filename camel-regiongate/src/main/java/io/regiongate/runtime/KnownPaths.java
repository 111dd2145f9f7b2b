package io.regiongate.runtime;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;

/**
 * The paths the platform-http routes serve and the methods each accepts, read from the routes
 * themselves, so that a wrong method is told apart from an unknown path (405 with {@code Allow}
 * rather than 404). A path parameter ({@code /admin/usage/{tenant}}) matches one path segment.
 */
final class KnownPaths {

    private final Map<Pattern, Set<String>> methodsByPath;

    private KnownPaths(Map<Pattern, Set<String>> methodsByPath) {
        this.methodsByPath = methodsByPath;
    }

    static KnownPaths of(CamelContext context) {
        Map<String, Set<String>> byTemplate = new LinkedHashMap<>();
        for (Route route : context.getRoutes()) {
            if (route.getEndpoint() instanceof PlatformHttpEndpoint endpoint) {
                Set<String> methods = byTemplate.computeIfAbsent(endpoint.getPath(), path -> new LinkedHashSet<>());
                String restrict = endpoint.getHttpMethodRestrict();
                if (restrict != null) {
                    for (String method : restrict.split(",")) {
                        methods.add(method.trim());
                    }
                }
            }
        }
        Map<Pattern, Set<String>> byPattern = new LinkedHashMap<>();
        byTemplate.forEach((template, methods) -> byPattern.put(pattern(template), Set.copyOf(methods)));
        return new KnownPaths(byPattern);
    }

    /** The methods {@code path} accepts, as an {@code Allow} value; null when no route serves it. */
    String allowedMethods(String path) {
        for (Map.Entry<Pattern, Set<String>> known : methodsByPath.entrySet()) {
            if (known.getKey().matcher(path).matches()) {
                return String.join(", ", known.getValue().stream().sorted().toList());
            }
        }
        return null;
    }

    private static Pattern pattern(String template) {
        StringBuilder regex = new StringBuilder();
        for (String part : template.split("(?=\\{)|(?<=\\})")) {
            if (part.startsWith("{") && part.endsWith("}")) {
                regex.append("[^/]+");
            } else {
                regex.append(Pattern.quote(part));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
