package io.regiongate.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a runtime's configuration comes from, so that it can be read again: a file (with its
 * region's overlay beside it) or a classpath resource (the embedded default, which never changes).
 *
 * @param file           the base file, or null for a resource
 * @param resource       the classpath resource, or null for a file
 * @param regionOverride the {@code --region} flag or {@code REGIONGATE_REGION}, or null
 */
public record ConfigSource(Path file, String resource, String regionOverride) {

    public static ConfigSource file(Path file, String regionOverride) {
        return new ConfigSource(file, null, regionOverride);
    }

    public static ConfigSource resource(String resource, String regionOverride) {
        return new ConfigSource(null, resource, regionOverride);
    }

    public GatewayConfig load(ConfigLoader loader) throws ConfigException {
        return file != null ? loader.load(file, regionOverride) : loader.loadResource(resource, regionOverride);
    }

    /** Whether reading it again can give something new: a file can change, a packaged resource cannot. */
    public boolean canChange() {
        return file != null;
    }

    /** The files a change of which is a change of the configuration of {@code region}: the base file and its overlay. */
    public List<Path> files(String region) {
        List<Path> files = new ArrayList<>();
        if (file != null) {
            files.add(file);
            Path overlay = ConfigLoader.overlayFor(file, region);
            if (overlay != null) {
                files.add(overlay);
            }
        }
        return files;
    }

    @Override
    public String toString() {
        return file != null ? file.toString() : "classpath:" + resource;
    }
}
