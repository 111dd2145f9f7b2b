package io.regiongate.runtime;

import io.regiongate.audit.AuditTimeline;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * {@code audit timeline}: several regions' trails read where they are, each chain checked, every
 * request printed once in order of arrival with a forward joined to its serving region's record.
 * Exit codes as {@code audit verify}: 0 all verified and joined, 1 findings, 3 unreadable, 64 usage.
 */
final class AuditTimelineCommand {

    static final String USAGE = """
            usage: java -jar regiongate.jar audit timeline TRAIL...
              TRAIL is --journal PATH (a journal file or an audit directory) or --kafka BOOTSTRAP --topic TOPIC,
              one per region; --timeout SECONDS (default 30) for the Kafka clusters; keyed trails need
              --chain-key-env NAME[,NAME] and/or --public-key FILE[,FILE] (as audit verify), before the trails""";

    private AuditTimelineCommand() {
    }

    /** @param args everything after {@code audit timeline} */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        return run(args, out, err, System::getenv);
    }

    static int run(List<String> args, PrintStream out, PrintStream err,
                   java.util.function.Function<String, String> environment) {
        String chainKeyEnv = null;
        String publicKeyFiles = null;
        for (int i = 0; i + 1 < args.size(); i++) {
            if ("--chain-key-env".equals(args.get(i))) {
                chainKeyEnv = args.get(i + 1);
            } else if ("--public-key".equals(args.get(i))) {
                publicKeyFiles = args.get(i + 1);
            }
        }
        AuditTimeline timeline;
        try {
            List<io.regiongate.audit.AuditChainKey> keys = AuditVerifyCommand.chainKeys(chainKeyEnv, environment);
            io.regiongate.audit.AuditPublicKeys publicKeys = AuditVerifyCommand.publicKeys(publicKeyFiles);
            timeline = new AuditTimeline(() -> new io.regiongate.audit.AuditTrailVerifier(keys, publicKeys,
                    java.time.Clock.systemUTC()));
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
        Duration timeout = Duration.ofSeconds(30);
        int trails = 0;
        try {
            for (int i = 0; i < args.size(); i++) {
                String flag = args.get(i);
                if (i + 1 >= args.size()) {
                    return usage(err, flag + " needs a value");
                }
                String value = args.get(++i);
                switch (flag) {
                    case "--timeout" -> timeout = Duration.ofSeconds(Integer.parseInt(value));
                    case "--chain-key-env", "--public-key" -> {
                        // read above
                    }
                    case "--journal" -> {
                        String name = "journal " + value;
                        AuditVerifyCommand.readJournal(Path.of(value), (where, json) -> timeline.accept(name, where, json), null);
                        trails++;
                    }
                    case "--kafka" -> {
                        if (i + 2 >= args.size() || !"--topic".equals(args.get(i + 1))) {
                            return usage(err, "--kafka BOOTSTRAP needs --topic TOPIC after it");
                        }
                        String topic = args.get(i + 2);
                        i += 2;
                        String name = "kafka " + value + " " + topic;
                        AuditVerifyCommand.readTopic(value, topic, timeout, (where, json) -> timeline.accept(name, where, json));
                        trails++;
                    }
                    default -> {
                        return usage(err, "unknown argument '" + flag + "'");
                    }
                }
            }
        } catch (NumberFormatException e) {
            return usage(err, "--timeout needs a number of seconds");
        } catch (IOException | RuntimeException e) {
            err.println("regiongate: cannot read an audit trail: " + e.getMessage());
            return AuditVerifyCommand.EXIT_UNREADABLE;
        }
        if (trails == 0) {
            return usage(err, "audit timeline needs at least one trail");
        }
        AuditTimeline.Report report = timeline.report();
        out.print(report.text());
        return report.ok() ? AuditVerifyCommand.EXIT_OK : AuditVerifyCommand.EXIT_PROBLEMS;
    }

    private static int usage(PrintStream err, String problem) {
        err.println("regiongate: " + problem);
        err.println(USAGE);
        return AuditVerifyCommand.EXIT_USAGE;
    }
}
