package io.regiongate.runtime;

import io.regiongate.audit.AuditChainKey;
import io.regiongate.audit.AuditDeadLetters;
import io.regiongate.audit.AuditPublicKeys;
import io.regiongate.audit.AuditSigningKey;
import io.regiongate.audit.AuditSpool;
import io.regiongate.audit.AuditTrailReport;
import io.regiongate.audit.AuditTrailVerifier;
import io.regiongate.config.AuditConfig.KafkaEndpoint;
import io.regiongate.config.ConfigProblem;
import io.regiongate.kafka.KafkaClientSecurity;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * {@code java -jar regiongate.jar audit verify --journal PATH | --kafka BOOTSTRAP --topic TOPIC
 * [--dead-letters FILE] [--chain-key-env NAME] [--public-key FILE]}: reads an audit trail from a journal (or a spool) or from the start of a
 * topic, with the region's dead-letter file when given (an audit directory's own is read with it),
 * and reports altered records, chain breaks, gaps, reorders, unlinked writers, and, without
 * failing, duplicates, dead-lettered records, declared losses and how each writer's chain begins.
 * Exit code 0 when the trail verifies, 1 when it does not, 3 when it cannot be read, 64 on a
 * usage error.
 */
final class AuditVerifyCommand {

    static final int EXIT_OK = 0;
    static final int EXIT_PROBLEMS = 1;
    static final int EXIT_UNREADABLE = 3;
    static final int EXIT_USAGE = 64;

    static final String USAGE = """
            usage: java -jar regiongate.jar audit verify --journal PATH [--dead-letters FILE] [KEYS]
                   java -jar regiongate.jar audit verify --kafka BOOTSTRAP --topic TOPIC [--dead-letters FILE] [--timeout SECONDS] [KEYS]
                   java -jar regiongate.jar audit public-key --signing-key-file FILE
              KEYS: --chain-key-env NAME[,NAME]  environment variables holding the region's chain secret(s)
                                                (current and rotated out): every keyed link is checked
                    --public-key FILE[,FILE]    the writers' Ed25519 public key(s) (PEM): every checkpoint's
                                                signature, and through it every record up to it, is checked
              --journal PATH        a journal file, or an audit directory (its journal.jsonl, else its spool
                                    segments; its dead-letter.jsonl too); with --kafka: read after the topic,
                                    e.g. a stopped region's spool, which holds its last checkpoint
              --kafka BOOTSTRAP     the region's audit Kafka cluster; the topic is read from its start to its end
              --topic TOPIC         the audit topic
              --dead-letters FILE   the region's dead-letter.jsonl: its records are checked against the trail
              --timeout SECONDS     how long to wait for the cluster (default 30)
            with --kafka, the endpoint's security settings (as audit.endpoints[].kafka):
            """ + KafkaSecurityFlags.USAGE;

    private AuditVerifyCommand() {
    }

    static boolean isAuditCommand(String[] args) {
        return args.length > 0 && "audit".equals(args[0]);
    }

    /** @param args everything after {@code audit} */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        return run(args, out, err, System::getenv);
    }

    /** @param environment where {@code --chain-key-env} names are looked up */
    static int run(List<String> args, PrintStream out, PrintStream err, Function<String, String> environment) {
        Map<String, String> options = new HashMap<>();
        if (!args.isEmpty() && "timeline".equals(args.get(0))) {
            return AuditTimelineCommand.run(args.subList(1, args.size()), out, err);
        }
        if (!args.isEmpty() && "public-key".equals(args.get(0))) {
            return publicKey(args.subList(1, args.size()), out, err);
        }
        if (args.isEmpty() || !"verify".equals(args.get(0))) {
            err.println("regiongate: audit needs a subcommand: verify, public-key or timeline");
            err.println(USAGE);
            err.println(AuditTimelineCommand.USAGE);
            return EXIT_USAGE;
        }
        for (int i = 1; i < args.size(); i++) {
            String flag = args.get(i);
            if (!List.of("--journal", "--kafka", "--topic", "--timeout", "--dead-letters", "--chain-key-env",
                            "--public-key").contains(flag)
                    && !KafkaSecurityFlags.FLAGS.contains(flag)
                    || i + 1 >= args.size()) {
                err.println("regiongate: " + (i + 1 >= args.size() && flag.startsWith("--")
                        ? flag + " needs a value" : "unknown argument '" + flag + "'"));
                err.println(USAGE);
                return EXIT_USAGE;
            }
            options.put(flag, args.get(++i));
        }
        boolean journal = options.containsKey("--journal");
        boolean kafka = options.containsKey("--kafka") && options.containsKey("--topic");
        if (!journal && !kafka) {
            err.println("regiongate: audit verify reads --journal PATH, --kafka BOOTSTRAP --topic TOPIC, or both "
                    + "(the topic, then what the audit directory's spool still holds)");
            err.println(USAGE);
            return EXIT_USAGE;
        }
        AuditTrailVerifier verifier;
        try {
            verifier = new AuditTrailVerifier(chainKeys(options.get("--chain-key-env"), environment),
                    publicKeys(options.get("--public-key")), Clock.systemUTC());
        } catch (IllegalArgumentException e) {
            err.println("regiongate: " + e.getMessage());
            return EXIT_USAGE;
        }
        try {
            if (options.containsKey("--dead-letters")) {
                readDeadLetters(Path.of(options.get("--dead-letters")), verifier);
            }
            if (kafka) {
                int timeout = Integer.parseInt(options.getOrDefault("--timeout", "30"));
                KafkaEndpoint endpoint = KafkaSecurityFlags.endpoint(options.get("--kafka"), options.get("--topic"), options);
                List<ConfigProblem> problems = KafkaClientSecurity.problems(endpoint, "--kafka", System::getenv);
                if (!problems.isEmpty()) {
                    problems.forEach(problem -> err.println("regiongate: " + problem));
                    return EXIT_USAGE;
                }
                readTopic(endpoint, Duration.ofSeconds(timeout), verifier::accept);
            }
            if (journal) {
                readJournal(Path.of(options.get("--journal")), verifier::accept,
                        options.containsKey("--dead-letters") ? null : verifier::acceptDeadLetter, kafka);
            }
        } catch (IOException | RuntimeException e) {
            err.println("regiongate: cannot read the audit trail: " + e.getMessage());
            return EXIT_UNREADABLE;
        }
        AuditTrailReport report = verifier.report();
        out.print(report.render());
        return report.ok() ? EXIT_OK : EXIT_PROBLEMS;
    }

    static List<AuditChainKey> chainKeys(String names, Function<String, String> environment) {
        if (names == null) {
            return List.of();
        }
        List<AuditChainKey> keys = new ArrayList<>();
        for (String name : names.split(",")) {
            String secret = environment.apply(name.trim());
            if (secret == null) {
                throw new IllegalArgumentException("--chain-key-env: environment variable " + name.trim() + " is not set");
            }
            try {
                keys.add(AuditChainKey.of(secret));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--chain-key-env " + name.trim() + ": " + e.getMessage(), e);
            }
        }
        return keys;
    }

    static AuditPublicKeys publicKeys(String files) {
        if (files == null) {
            return AuditPublicKeys.none();
        }
        List<PublicKey> keys = new ArrayList<>();
        for (String file : files.split(",")) {
            keys.add(AuditPublicKeys.load(Path.of(file.trim())));
        }
        return AuditPublicKeys.of(keys);
    }

    /** {@code audit public-key --signing-key-file FILE}: prints the public key auditors verify checkpoints with. */
    private static int publicKey(List<String> args, PrintStream out, PrintStream err) {
        if (args.size() != 2 || !"--signing-key-file".equals(args.get(0))) {
            err.println("usage: java -jar regiongate.jar audit public-key --signing-key-file FILE");
            return EXIT_USAGE;
        }
        try {
            AuditSigningKey key = AuditSigningKey.load(Path.of(args.get(1)));
            out.print(key.publicKeyPem());
            err.println("key id " + key.keyId());
            return EXIT_OK;
        } catch (IllegalArgumentException e) {
            err.println("regiongate: " + e.getMessage());
            return EXIT_UNREADABLE;
        }
    }

    /**
     * @param records     takes each record line with where it was read
     * @param deadLetters takes each line of the directory's dead-letter file; null: not read
     */
    static void readJournal(Path path, BiConsumer<String, String> records, BiConsumer<String, String> deadLetters)
            throws IOException {
        readJournal(path, records, deadLetters, false);
    }

    /** @param besideTopic read after a topic: an audit directory whose spool is empty is no error */
    static void readJournal(Path path, BiConsumer<String, String> records, BiConsumer<String, String> deadLetters,
                            boolean besideTopic) throws IOException {
        if (Files.isDirectory(path)) {
            Path journal = path.resolve(AuditWiring.JOURNAL_FILE);
            List<Path> files;
            if (Files.exists(journal)) {
                files = List.of(journal);
            } else {
                try (var listing = Files.list(path)) {
                    files = listing.filter(file -> AuditSpool.isSegment(file.getFileName().toString())).sorted().toList();
                }
                if (files.isEmpty() && !besideTopic) {
                    throw new IOException("no journal and no spool in " + path);
                }
            }
            for (Path file : files) {
                readLines(file, records);
            }
            Path deadLetterFile = path.resolve(AuditDeadLetters.FILE);
            if (deadLetters != null && Files.exists(deadLetterFile)) {
                readLines(deadLetterFile, deadLetters);
            }
            return;
        }
        if (!Files.isRegularFile(path)) {
            throw new IOException("no journal at " + path);
        }
        readLines(path, records);
    }

    static void readDeadLetters(Path file, AuditTrailVerifier verifier) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("no dead-letter file at " + file);
        }
        readLines(file, verifier::acceptDeadLetter);
    }

    private static void readLines(Path file, BiConsumer<String, String> verifier) throws IOException {
        int line = 0;
        try (var lines = Files.newBufferedReader(file)) {
            for (String json = lines.readLine(); json != null; json = lines.readLine()) {
                line++;
                if (!json.isBlank()) {
                    verifier.accept(file.getFileName() + ":" + line, json);
                }
            }
        }
    }

    static void readTopic(String bootstrap, String topic, Duration timeout, BiConsumer<String, String> verifier) {
        readTopic(new KafkaEndpoint(bootstrap, topic), timeout, verifier);
    }

    /** Reads {@code endpoint}'s topic from its start to its end, with the endpoint's security settings. */
    static void readTopic(KafkaEndpoint endpoint, Duration timeout, BiConsumer<String, String> verifier) {
        String bootstrap = endpoint.bootstrapServers();
        String topic = endpoint.topic();
        Properties properties = new Properties();
        properties.putAll(KafkaClientSecurity.clientProperties(endpoint, System::getenv));
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "regiongate-audit-verify-" + UUID.randomUUID());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " does not exist on " + bootstrap);
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition, timeout) < end.get(partition))) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("reading " + topic + " took longer than " + timeout.toSeconds() + " s");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        verifier.accept(record.topic() + "-" + record.partition() + "@" + record.offset(), record.value());
                    }
                }
            }
        }
    }
}
