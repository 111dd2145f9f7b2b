package io.regiongate.redaction;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Generates the labelled corpus {@code src/test/resources/redaction/pii-corpus.tsv} that
 * {@link PiiCorpusScoreTest} scores, from a fixed seed (so the committed file can be checked against
 * it). One line per example, tab-separated: {@code kind}, {@code type}, {@code value}, {@code text}:
 * <ul>
 *   <li>{@code plant}: {@code value} is a valid value of {@code type} (check digits hold) and must be found;</li>
 *   <li>{@code miss}: {@code value} looks like {@code type} but its check digits (or ranges) are wrong:
 *       nothing may be found;</li>
 *   <li>{@code plain}: ordinary text with numbers, dates, order ids, amounts, versions and code:
 *       nothing may be found.</li>
 * </ul>
 */
final class PiiCorpusGenerator {

    static final long SEED = 20261202L;
    static final String[] PHONE_REGIONS = {"DE", "FR", "IT", "ES", "NL", "PL", "US", "GB"};

    private final Random random = new Random(SEED);
    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
    private final List<String> lines = new ArrayList<>();

    static List<String> generate() {
        return new PiiCorpusGenerator().all();
    }

    private List<String> all() {
        int perType = 330;
        plant("email", perType, this::email, "Please write to %s before Friday.", "Contact: %s", "cc %s, thanks!",
                "Mail von %s erhalten.", "<%s> wrote:", "Envoyez-le à %s s'il vous plaît.");
        plant("phone", perType, this::phone, "Call me on %s tomorrow.", "Tel.: %s", "Rufen Sie %s an.",
                "mobile %s (after 6pm)", "Son numéro est le %s.");
        plant("iban", perType, this::iban, "Pay to IBAN %s please.", "Kontonummer: %s", "IBAN: %s (Girokonto)",
                "transfer the deposit to %s today");
        plant("payment-card", perType, this::card, "My card is %s, exp 12/27.", "Karte %s", "cc# %s",
                "charged to card %s yesterday");
        plant("ip-address", perType, this::ip, "The login came from %s at night.", "client_ip=%s", "ssh admin@%s",
                "blocked %s after 5 attempts");
        plant("us-ssn", perType, this::ssn, "My SSN is %s.", "social security number %s", "SSN: %s");
        plant("us-itin", perType, this::itin, "ITIN %s on the W-7.", "taxpayer id %s", "use %s for the return");
        plant("us-routing-number", perType, this::routing, "routing number %s, account 12345678",
                "ABA routing %s", "RTN: %s");
        plant("de-tax-id", perType, this::deTaxId, "Meine Steuer-ID ist %s.", "Steueridentifikationsnummer: %s",
                "IdNr %s", "tax ID %s (Germany)");
        plant("fr-nir", perType, this::frNir, "Numéro de sécurité sociale : %s", "NIR %s", "mon numéro %s");
        plant("it-codice-fiscale", perType, this::codiceFiscale, "Codice fiscale: %s", "CF %s del cliente",
                "il mio codice è %s");
        plant("es-dni", perType, this::dniOrNie, "DNI %s", "Mi NIE es %s.", "documento %s adjunto");
        plant("nl-bsn", perType, this::bsn, "Mijn BSN is %s.", "burgerservicenummer: %s", "BSN %s");
        plant("pl-pesel", perType, this::pesel, "PESEL: %s", "numer PESEL %s", "Mój PESEL to %s.");

        int misses = 180;
        miss("iban", misses, () -> breakLast(iban()), "Pay to IBAN %s please.", "Kontonummer: %s");
        miss("payment-card", misses, () -> breakLast(card()), "My card is %s, exp 12/27.", "cc# %s");
        miss("de-tax-id", misses, () -> breakLast(deTaxId()), "Meine Steuer-ID ist %s.", "IdNr %s");
        miss("fr-nir", misses, () -> breakLast(frNir()), "NIR %s", "Numéro de sécurité sociale : %s");
        miss("it-codice-fiscale", misses, () -> breakLastLetter(codiceFiscale()), "Codice fiscale: %s");
        miss("es-dni", misses, () -> breakLastLetter(dniOrNie()), "DNI %s", "Mi NIE es %s.");
        miss("nl-bsn", misses, () -> breakLast(bsn()), "Mijn BSN is %s.", "BSN %s");
        miss("pl-pesel", misses, () -> breakLast(pesel()), "PESEL: %s", "numer PESEL %s");
        miss("us-routing-number", misses, () -> breakLast(routing()), "routing number %s");
        miss("us-ssn", misses, this::badSsn, "My SSN is %s.", "SSN: %s");
        miss("email", misses, this::badEmail, "Please write to %s before Friday.", "user %s");
        miss("ip-address", misses, this::badIp, "The login came from %s at night.", "client_ip=%s");

        for (int i = 0; i < 3600; i++) {
            lines.add("plain\t-\t-\t" + plain());
        }
        return lines;
    }

    private void plant(String type, int count, Supplier<String> value, String... templates) {
        for (int i = 0; i < count; i++) {
            String v = value.get();
            lines.add("plant\t" + type + "\t" + v + "\t" + String.format(Locale.ROOT, pick(templates), v));
        }
    }

    private void miss(String type, int count, Supplier<String> value, String... templates) {
        for (int i = 0; i < count; i++) {
            String v = value.get();
            lines.add("miss\t" + type + "\t" + v + "\t" + String.format(Locale.ROOT, pick(templates), v));
        }
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }

    private String digits(int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append((char) ('0' + random.nextInt(10)));
        }
        return out.toString();
    }

    private String letters(int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append((char) ('A' + random.nextInt(26)));
        }
        return out.toString();
    }

    // ---- valid values

    private String email() {
        String[] first = {"anna", "jan", "marie", "luca", "sofia", "piotr", "bob", "li.wei", "j.smith", "eva-maria"};
        String[] domains = {"example.com", "mail.de", "firma.fr", "azienda.it", "empresa.es", "bedrijf.nl",
                "firma.pl", "corp.io", "uni-heidelberg.de", "sub.mail.example.org"};
        String local = pick(first) + (random.nextBoolean() ? "" : pick(".", "_", "+", "") + random.nextInt(1000));
        return local + "@" + pick(domains);
    }

    private String phone() {
        String region = pick(PHONE_REGIONS);
        PhoneNumberUtil.PhoneNumberType type = random.nextBoolean() ? PhoneNumberUtil.PhoneNumberType.MOBILE
                : PhoneNumberUtil.PhoneNumberType.FIXED_LINE;
        PhoneNumber example = phones.getExampleNumberForType(region, type);
        String national = String.valueOf(example.getNationalNumber());
        for (int attempt = 0; attempt < 50; attempt++) {
            int keep = Math.max(3, national.length() - 4);
            PhoneNumber candidate = new PhoneNumber().setCountryCode(example.getCountryCode())
                    .setNationalNumber(Long.parseLong(national.substring(0, keep) + digits(national.length() - keep)));
            if (phones.isValidNumber(candidate)) {
                return phones.format(candidate, random.nextInt(3) == 0 ? PhoneNumberUtil.PhoneNumberFormat.NATIONAL
                        : PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL);
            }
        }
        return phones.format(example, PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL);
    }

    private String iban() {
        String country = pick("DE", "FR", "IT", "ES", "NL", "PL", "GB", "AT", "BE");
        String bban = switch (country) {
            case "DE" -> digits(18);
            case "FR" -> digits(23);
            case "IT" -> letters(1) + digits(22);
            case "ES" -> digits(20);
            case "NL" -> letters(4) + digits(10);
            case "PL" -> digits(24);
            case "GB" -> letters(4) + digits(14);
            case "AT" -> digits(16);
            default -> digits(12);
        };
        String check = String.format(Locale.ROOT, "%02d", 98 - mod97(bban + country + "00"));
        String iban = country + check + bban;
        return random.nextBoolean() ? iban : grouped(iban, 4);
    }

    private static int mod97(String alnum) {
        StringBuilder numeric = new StringBuilder();
        for (char c : alnum.toCharArray()) {
            numeric.append(Character.isLetter(c) ? String.valueOf(c - 'A' + 10) : String.valueOf(c));
        }
        return new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue();
    }

    private static String grouped(String value, int size) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length(); i += size) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(value, i, Math.min(value.length(), i + size));
        }
        return out.toString();
    }

    private String card() {
        String prefix = pick("4", "51", "52", "53", "54", "55", "34", "37", "6011", "2221", "2720");
        int length = prefix.startsWith("3") ? 15 : 16;
        String body = prefix + digits(length - prefix.length() - 1);
        String number = body + luhnDigit(body);
        return switch (random.nextInt(3)) {
            case 0 -> number;
            case 1 -> length == 15 ? number.substring(0, 4) + " " + number.substring(4, 10) + " " + number.substring(10)
                    : grouped(number, 4);
            default -> length == 15 ? number.substring(0, 4) + "-" + number.substring(4, 10) + "-" + number.substring(10)
                    : grouped(number, 4).replace(' ', '-');
        };
    }

    private static int luhnDigit(String body) {
        int sum = 0;
        boolean twice = true;
        for (int i = body.length() - 1; i >= 0; i--) {
            int d = body.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return (10 - sum % 10) % 10;
    }

    private String ip() {
        if (random.nextInt(3) == 0) {
            StringBuilder v6 = new StringBuilder("2001:db8");
            int groups = 2 + random.nextInt(5);
            for (int i = 0; i < groups; i++) {
                v6.append(':').append(Integer.toHexString(random.nextInt(65536)));
            }
            String full = v6.toString();
            return groups < 6 ? full.replaceFirst("^(2001:db8):", "$1::") : full;
        }
        return (11 + random.nextInt(200)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    private String ssn() {
        int area;
        do {
            area = 1 + random.nextInt(899);
        } while (area == 666);
        return String.format(Locale.ROOT, "%03d-%02d-%04d", area, 1 + random.nextInt(99), 1 + random.nextInt(9999));
    }

    private String itin() {
        int[] groups = {50, 55, 60, 65, 70, 75, 80, 88, 90, 92, 94, 99};
        int group = groups[random.nextInt(groups.length)];
        return String.format(Locale.ROOT, "9%02d-%02d-%04d", random.nextInt(100), group, random.nextInt(10000));
    }

    private String routing() {
        String[] prefixes = {"01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "21", "22", "26",
                "31", "32", "61", "63", "67", "71", "72"};
        while (true) {
            String candidate = pick(prefixes) + digits(7);
            if (CheckDigits.usRouting(candidate)) {
                return candidate;
            }
        }
    }

    private String deTaxId() {
        while (true) {
            String candidate = (1 + random.nextInt(9)) + digits(10);
            if (CheckDigits.deTaxId(candidate)) {
                return random.nextBoolean() ? candidate
                        : candidate.substring(0, 2) + " " + candidate.substring(2, 5) + " " + candidate.substring(5, 8) + " "
                        + candidate.substring(8);
            }
        }
    }

    private String frNir() {
        String sex = pick("1", "2");
        String year = String.format(Locale.ROOT, "%02d", random.nextInt(100));
        String month = String.format(Locale.ROOT, "%02d", 1 + random.nextInt(12));
        String department = random.nextInt(20) == 0 ? pick("2A", "2B") : String.format(Locale.ROOT, "%02d", 1 + random.nextInt(95));
        String commune = digits(3);
        String order = digits(3);
        String body = sex + year + month + department + commune + order;
        String numeric = body.replace("2A", "19").replace("2B", "18");
        long key = 97 - Long.parseLong(numeric) % 97;
        String keyText = String.format(Locale.ROOT, "%02d", key);
        return random.nextBoolean() ? body + keyText
                : sex + " " + year + " " + month + " " + department + " " + commune + " " + order + " " + keyText;
    }

    private String codiceFiscale() {
        String months = "ABCDEHLMPRST";
        String body = letters(6) + digits(2) + months.charAt(random.nextInt(12))
                + String.format(Locale.ROOT, "%02d", 1 + random.nextInt(28) + (random.nextBoolean() ? 40 : 0))
                + letters(1) + digits(3);
        for (char check = 'A'; check <= 'Z'; check++) {
            if (CheckDigits.itCodiceFiscale(body + check)) {
                return body + check;
            }
        }
        throw new IllegalStateException();
    }

    private String dniOrNie() {
        String letters = "TRWAGMYFPDXBNJZSQVHLCKE";
        if (random.nextInt(3) == 0) {
            int lead = random.nextInt(3);
            String digits = digits(7);
            return "XYZ".charAt(lead) + digits + letters.charAt(Integer.parseInt(lead + digits) % 23);
        }
        String digits = digits(8);
        return digits + (random.nextBoolean() ? "" : "-") + letters.charAt(Integer.parseInt(digits) % 23);
    }

    private String bsn() {
        while (true) {
            String candidate = digits(9);
            if (CheckDigits.nlBsn(candidate)) {
                return random.nextInt(3) == 0
                        ? candidate.substring(0, 4) + "." + candidate.substring(4, 6) + "." + candidate.substring(6)
                        : candidate;
            }
        }
    }

    private String pesel() {
        while (true) {
            int year = random.nextInt(100);
            int month = 1 + random.nextInt(12) + (random.nextBoolean() ? 20 : 0);
            int day = 1 + random.nextInt(28);
            String body = String.format(Locale.ROOT, "%02d%02d%02d", year, month, day) + digits(4);
            for (int check = 0; check < 10; check++) {
                if (CheckDigits.plPesel(body + check)) {
                    return body + check;
                }
            }
        }
    }

    // ---- near misses

    /** The same value with its last digit changed so that its check no longer holds. */
    private String breakLast(String value) {
        int at = value.length() - 1;
        while (!Character.isDigit(value.charAt(at))) {
            at--;
        }
        int digit = value.charAt(at) - '0';
        return value.substring(0, at) + (char) ('0' + (digit + 1 + random.nextInt(8)) % 10) + value.substring(at + 1);
    }

    private String breakLastLetter(String value) {
        char last = value.charAt(value.length() - 1);
        char other = (char) ('A' + (last - 'A' + 1 + random.nextInt(24)) % 26);
        return value.substring(0, value.length() - 1) + other;
    }

    private String badSsn() {
        return switch (random.nextInt(4)) {
            case 0 -> String.format(Locale.ROOT, "000-%02d-%04d", 1 + random.nextInt(99), 1 + random.nextInt(9999));
            case 1 -> String.format(Locale.ROOT, "666-%02d-%04d", 1 + random.nextInt(99), 1 + random.nextInt(9999));
            case 2 -> String.format(Locale.ROOT, "%03d-00-%04d", 1 + random.nextInt(665), 1 + random.nextInt(9999));
            default -> String.format(Locale.ROOT, "%03d-%02d-0000", 1 + random.nextInt(665), 1 + random.nextInt(99));
        };
    }

    private String badEmail() {
        return switch (random.nextInt(3)) {
            case 0 -> "anna" + random.nextInt(100) + "@localhost";
            case 1 -> "jan@firma.invalidtld" + random.nextInt(10);
            default -> "user" + random.nextInt(100) + "@@example.com";
        };
    }

    private String badIp() {
        return (256 + random.nextInt(700)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
    }

    // ---- ordinary text

    private String plain() {
        return switch (random.nextInt(16)) {
            case 0 -> "Order ORD-" + (2020 + random.nextInt(6)) + "-" + digits(6) + " shipped on "
                    + (2020 + random.nextInt(6)) + "-" + String.format(Locale.ROOT, "%02d-%02d", 1 + random.nextInt(12), 1 + random.nextInt(28)) + ".";
            case 1 -> "Invoice INV " + (2020 + random.nextInt(6)) + "/" + digits(4) + " totals €" + random.nextInt(10) + ","
                    + digits(3) + "." + digits(2) + " incl. VAT.";
            case 2 -> "We sold " + random.nextInt(10) + "," + digits(3) + " units in Q" + (1 + random.nextInt(4)) + " "
                    + (2019 + random.nextInt(7)) + ", up " + random.nextInt(40) + "." + random.nextInt(10) + "% year on year.";
            case 3 -> "Upgrade to version " + random.nextInt(10) + "." + random.nextInt(30) + "." + random.nextInt(20)
                    + " before " + String.format(Locale.ROOT, "%02d.%02d.%d", 1 + random.nextInt(28), 1 + random.nextInt(12), 2020 + random.nextInt(6)) + ".";
            case 4 -> "for (int i = 0; i < " + random.nextInt(100000) + "; i++) { total += values[i] * " + random.nextInt(1000) + "; }";
            case 5 -> "The meeting is at " + String.format(Locale.ROOT, "%02d:%02d", random.nextInt(24), random.nextInt(60))
                    + " in room " + (100 + random.nextInt(500)) + ", building " + (1 + random.nextInt(20)) + ".";
            case 6 -> "Ticket #" + digits(5) + ": the build " + Integer.toHexString(random.nextInt()) + " failed after "
                    + random.nextInt(600) + " s on node-" + random.nextInt(64) + ".";
            case 7 -> "SKU-" + digits(5) + "-" + pick("S", "M", "L", "XL") + " is back in stock: " + random.nextInt(900)
                    + " pieces at $" + random.nextInt(200) + "." + digits(2) + " each.";
            case 8 -> "Reference number " + digits(9) + " belongs to your order from last week.";
            case 9 -> "Customer id " + digits(11) + " asked about the delivery of parcel " + digits(12) + ".";
            case 10 -> "map.put(\"retries\", " + random.nextInt(10) + "); map.put(\"timeout_ms\", " + digits(4)
                    + "); // see RFC " + (1000 + random.nextInt(8000));
            case 11 -> "Between " + (1900 + random.nextInt(120)) + " and " + (1950 + random.nextInt(70)) + " the town grew from "
                    + digits(4) + " to " + random.nextInt(10) + "," + digits(3) + " inhabitants.";
            case 12 -> "UUID " + java.util.UUID.nameUUIDFromBytes(digits(8).getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                    + " maps to shard " + random.nextInt(128) + ".";
            case 13 -> "Coordinates 48." + digits(4) + ", 11." + digits(4) + " at elevation " + random.nextInt(3000) + " m.";
            case 14 -> "std::vector<int> v(" + random.nextInt(1000) + "); auto x = a::b::c(" + random.nextInt(99) + ");";
            default -> "Date " + String.format(Locale.ROOT, "%02d/%02d/%d", 1 + random.nextInt(12), 1 + random.nextInt(28), 2020 + random.nextInt(6))
                    + ", batch " + digits(6) + ", lot " + letters(2) + digits(4) + ", checksum " + digits(8) + ".";
        };
    }
}
