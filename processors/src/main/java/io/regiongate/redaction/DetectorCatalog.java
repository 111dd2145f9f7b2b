package io.regiongate.redaction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The detectors configuration may name, and the groups that stand for several
 * ({@code eu-national-id}, {@code us-national-id}, {@code bank-account}). Custom patterns from
 * {@code redaction.patterns} join them under their own names.
 */
public final class DetectorCatalog {

    public static final String EMAIL = "email";
    public static final String PHONE = "phone";
    public static final String IBAN = "iban";
    public static final String PAYMENT_CARD = "payment-card";
    public static final String IP_ADDRESS = "ip-address";
    public static final String US_SSN = "us-ssn";
    public static final String US_ITIN = "us-itin";
    public static final String US_ROUTING_NUMBER = "us-routing-number";
    public static final String DE_TAX_ID = "de-tax-id";
    public static final String FR_NIR = "fr-nir";
    public static final String IT_CODICE_FISCALE = "it-codice-fiscale";
    public static final String ES_DNI = "es-dni";
    public static final String NL_BSN = "nl-bsn";
    public static final String PL_PESEL = "pl-pesel";

    /** Names that stand for several detectors. */
    public static final Map<String, List<String>> GROUPS = Map.of(
            "eu-national-id", List.of(DE_TAX_ID, FR_NIR, IT_CODICE_FISCALE, ES_DNI, NL_BSN, PL_PESEL),
            "us-national-id", List.of(US_SSN, US_ITIN),
            "bank-account", List.of(IBAN, US_ROUTING_NUMBER));

    /** Custom patterns lose overlaps to checksum-validated types and win them over phones. */
    static final int CUSTOM_PRIORITY = 70;

    private static final Pattern SSN_SHAPE = Pattern.compile("(?<![\\d-])\\d{3}([- ])\\d{2}\\1\\d{4}(?![\\d-])");
    private static final Pattern ELEVEN_DIGITS = Pattern.compile("(?<![\\d.,-])(?:\\d{11}|\\d{2} \\d{3} \\d{3} \\d{3})(?![\\d-]|[.,]\\d)");
    private static final Pattern NINE_DIGITS = Pattern.compile("(?<![\\d.,-])\\d{9}(?![\\d-]|[.,]\\d)");

    private static final Map<String, Function<List<String>, List<Detector>>> BUILT_IN = builtIn();

    private DetectorCatalog() {
    }

    private static Map<String, Function<List<String>, List<Detector>>> builtIn() {
        Map<String, Function<List<String>, List<Detector>>> all = new LinkedHashMap<>();
        all.put(EMAIL, countries -> List.of(new EmailDetector(PiiType.named(EMAIL, 50))));
        all.put(PHONE, countries -> List.of(new PhoneDetector(PiiType.named(PHONE, 80), countries)));
        all.put(IBAN, countries -> List.of(new IbanDetector(PiiType.named(IBAN, 10))));
        all.put(PAYMENT_CARD, countries -> List.of(new PaymentCardDetector(PiiType.named(PAYMENT_CARD, 10))));
        all.put(IP_ADDRESS, countries -> IpAddressDetector.of(PiiType.named(IP_ADDRESS, 60)));
        all.put(US_SSN, countries -> List.of(new PatternDetector(PiiType.named(US_SSN, 20), SSN_SHAPE,
                CheckDigits::usSsn, List.of(), new ValueShape(9, 4, 11))));
        all.put(US_ITIN, countries -> List.of(new PatternDetector(PiiType.named(US_ITIN, 20), SSN_SHAPE,
                CheckDigits::usItin, List.of(), new ValueShape(9, 4, 11))));
        all.put(US_ROUTING_NUMBER, countries -> List.of(new PatternDetector(PiiType.named(US_ROUTING_NUMBER, 30),
                NINE_DIGITS, CheckDigits::usRouting, List.of("routing", "aba ", "aba:", "rtn"), new ValueShape(9, 9, 9))));
        all.put(DE_TAX_ID, countries -> List.of(new PatternDetector(PiiType.named(DE_TAX_ID, 20), ELEVEN_DIGITS,
                CheckDigits::deTaxId, List.of("steuer", "idnr", "tax id", "tax-id", "taxid", "identifikationsnummer"), new ValueShape(11, 3, 11))));
        all.put(FR_NIR, countries -> List.of(new PatternDetector(PiiType.named(FR_NIR, 20), Pattern.compile(
                "(?<![\\dA-Za-z])[1-478] ?\\d{2} ?\\d{2} ?(?:\\d{2}|2[AB]) ?\\d{3} ?\\d{3} ?\\d{2}(?![\\dA-Za-z])"),
                CheckDigits::frNir, List.of(), new ValueShape(13, 3, 15))));
        all.put(IT_CODICE_FISCALE, countries -> List.of(new PatternDetector(PiiType.named(IT_CODICE_FISCALE, 20),
                Pattern.compile("(?<![A-Za-z0-9])[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z]"
                        + "[0-9LMNPQRSTUV]{3}[A-Z](?![A-Za-z0-9])"),
                CheckDigits::itCodiceFiscale, List.of(), new ValueShape(0, 0, 16))));
        PiiType esDni = PiiType.named(ES_DNI, 20);
        all.put(ES_DNI, countries -> List.of(
                new PatternDetector(esDni, Pattern.compile("(?<![\\dA-Za-z-])\\d{8}[ -]?[A-Za-z](?![\\dA-Za-z])"),
                        CheckDigits::esDni, List.of(), new ValueShape(8, 8, 9)),
                new PatternDetector(esDni, Pattern.compile("(?<![\\dA-Za-z-])[XYZ][ -]?\\d{7}[ -]?[A-Z](?![\\dA-Za-z])"),
                        CheckDigits::esNie, List.of(), new ValueShape(7, 7, 9))));
        PiiType bsn = PiiType.named(NL_BSN, 20);
        all.put(NL_BSN, countries -> List.of(
                new PatternDetector(bsn, Pattern.compile("(?<![\\d.])\\d{4}\\.\\d{2}\\.\\d{3}(?![\\d]|\\.\\d)"),
                        CheckDigits::nlBsn, List.of(), new ValueShape(9, 4, 11)),
                new PatternDetector(bsn, NINE_DIGITS, CheckDigits::nlBsn,
                        List.of("bsn", "burgerservicenummer", "sofinummer", "citizen service number"), new ValueShape(9, 9, 9))));
        all.put(PL_PESEL, countries -> List.of(new PatternDetector(PiiType.named(PL_PESEL, 20), ELEVEN_DIGITS,
                CheckDigits::plPesel, List.of("pesel"), new ValueShape(11, 3, 11))));
        return all;
    }

    /** Every name configuration may use, groups included (custom patterns come on top). */
    public static Set<String> knownNames() {
        Set<String> names = new LinkedHashSet<>(BUILT_IN.keySet());
        names.addAll(GROUPS.keySet().stream().sorted().toList());
        return names;
    }

    /** Whether {@code name} is a built-in detector or group. */
    public static boolean isBuiltIn(String name) {
        return BUILT_IN.containsKey(name) || GROUPS.containsKey(name);
    }

    /**
     * The detectors {@code names} stand for, groups expanded, each once.
     *
     * @param countries ISO codes whose national phone formats count
     * @param patterns  custom detectors by name: their regular expressions
     * @throws IllegalArgumentException naming the first unknown name
     */
    public static List<Detector> detectors(List<String> names, List<String> countries, Map<String, String> patterns) {
        Set<String> expanded = new LinkedHashSet<>();
        for (String name : names) {
            expanded.addAll(GROUPS.getOrDefault(name, List.of(name)));
        }
        List<Detector> detectors = new ArrayList<>();
        for (String name : expanded) {
            Function<List<String>, List<Detector>> builtIn = BUILT_IN.get(name);
            if (builtIn != null) {
                detectors.addAll(builtIn.apply(countries));
            } else if (patterns.containsKey(name)) {
                detectors.add(PatternDetector.custom(PiiType.named(name, CUSTOM_PRIORITY), patterns.get(name)));
            } else {
                throw new IllegalArgumentException("unknown detector '" + name + "'");
            }
        }
        return detectors;
    }
}
