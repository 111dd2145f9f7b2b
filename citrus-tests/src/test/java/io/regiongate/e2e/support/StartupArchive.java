package io.regiongate.e2e.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A class-data-sharing archive of the RegionGate jar (the JDK's AppCDS), so that the scenarios'
 * runtimes, well over a hundred starts in a run, map the jar's classes instead of loading and
 * verifying them again each time: on the 2-core machine a start went from about 6 s to 4 s and
 * its CPU time halved. The JVM options and the jar are the deployed ones otherwise.
 *
 * <p>The first runtime launched without an archive is the training run: it dumps the classes it
 * loaded when it exits ({@code -XX:ArchiveClassesAtExit}, on a stop or SIGTERM, not on a kill), and
 * the runtimes started after that use the archive. One training run at a time, so that no two
 * processes write the file; a training run that was killed leaves no archive, and the next launch
 * trains again. The archive is named after the jar's size and time, so a rebuilt jar gets a new
 * one; a JVM that cannot use an archive runs without it ({@code -Xshare:auto}, the default).
 */
final class StartupArchive {

    private static final Path DIRECTORY = Path.of("target", "e2e-cds").toAbsolutePath();
    /** The JDK's own notes about classes it cannot archive: noise in the runtimes' logs. */
    private static final String QUIET = "-Xlog:cds=off,cds+dynamic=off";

    private static Process training;

    private StartupArchive() {
    }

    /**
     * Starts {@code builder}'s command ({@code java} first) with the archive's options inserted:
     * the archive when there is one, else a training run unless one is on its way.
     */
    static synchronized Process start(ProcessBuilder builder, Path jar) throws IOException {
        List<String> options = options(jar);
        builder.command().addAll(1, options);
        Process process = builder.start();
        if (options.stream().anyMatch(option -> option.startsWith("-XX:ArchiveClassesAtExit="))) {
            training = process;
        }
        return process;
    }

    private static List<String> options(Path jar) throws IOException {
        List<String> ready = ifReady(jar);
        if (!ready.isEmpty() || training != null && training.isAlive()) {
            return ready;
        }
        training = null;
        Files.createDirectories(DIRECTORY);
        return List.of("-XX:ArchiveClassesAtExit=" + archiveOf(jar), QUIET);
    }

    /** The options that use the archive when there is one, never a training run (for one-shot commands). */
    static synchronized List<String> ifReady(Path jar) {
        Path archive = archiveOf(jar);
        return Files.isRegularFile(archive) && (training == null || !training.isAlive())
                ? List.of("-XX:SharedArchiveFile=" + archive, QUIET) : List.of();
    }

    private static Path archiveOf(Path jar) {
        try {
            return DIRECTORY.resolve("regiongate-" + Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis() + ".jsa");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + jar, e);
        }
    }
}
