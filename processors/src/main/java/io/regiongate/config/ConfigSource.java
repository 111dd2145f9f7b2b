package io.regiongate.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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

    /**
     * SHA-256 over {@link #files}: each file's path, then its bytes (a single 0 byte for a file that
     * is absent or cannot be read, as an optional overlay may be). Two reads give the same value
     * exactly when the configuration files are the same.
     */
    public byte[] sha256(String region) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (Path each : files(region)) {
            sha256.update(each.toString().getBytes(StandardCharsets.UTF_8));
            sha256.update(bytesOf(each));
        }
        return sha256.digest();
    }

    private static byte[] bytesOf(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return new byte[] {0};
        }
    }

    @Override
    public String toString() {
        return file != null ? file.toString() : "classpath:" + resource;
    }
}
