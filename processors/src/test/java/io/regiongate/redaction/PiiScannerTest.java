package io.regiongate.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Overlaps: a checksum-validated type wins over a phone number read into the same digits. */
class PiiScannerTest {

    private static List<String> found(String text, String... detectors) {
        PiiScanner scanner = new PiiScanner(DetectorCatalog.detectors(List.of(detectors), List.of("DE", "FR", "IT", "ES",
                "NL", "PL", "US"), Map.of()));
        return scanner.scan(text).stream().map(match -> match.type().name() + "=" + text.substring(match.start(), match.end()))
                .toList();
    }

    @Test
    void anIbanIsOneIbanNotAPhoneNumber() {
        assertThat(found("IBAN: DE89 3704 0044 0532 0130 00", "phone", "iban", "payment-card"))
                .containsExactly("iban=DE89 3704 0044 0532 0130 00");
    }

    @Test
    void groupsExpandToTheirMembers() {
        assertThat(found("Steuer-ID 86095742719, PESEL 44051401359, BSN 111222333, DNI 12345678Z, CF RSSMRA85T10A562S, "
                + "NIR 2 55 08 14 168 025 38", "eu-national-id")).containsExactly("de-tax-id=86095742719",
                "pl-pesel=44051401359", "nl-bsn=111222333", "es-dni=12345678Z", "it-codice-fiscale=RSSMRA85T10A562S",
                "fr-nir=2 55 08 14 168 025 38");
    }

    @Test
    void labelledNumbersNeedTheirLabel() {
        assertThat(found("order 111222333 shipped", "nl-bsn")).isEmpty();
        assertThat(found("BSN: 111222333", "nl-bsn")).containsExactly("nl-bsn=111222333");
    }

    @Test
    void ipAddressesButNotVersionsOrScopeOperators() {
        assertThat(found("from 192.168.10.4 and 2001:db8::8a2e:370:7334, not v1.2.3.4 nor a::b", "ip-address"))
                .containsExactly("ip-address=192.168.10.4", "ip-address=2001:db8::8a2e:370:7334");
    }

    @Test
    void usSsnAndItinTellEachOtherApart() {
        assertThat(found("SSN 123-45-6789, ITIN 912-70-1234, bad 666-12-3456", "us-national-id"))
                .containsExactly("us-ssn=123-45-6789", "us-itin=912-70-1234");
    }

    /** Runs are passed over when their longest stretch of digits is too short for a type: values at that minimum still count. */
    @Test
    void valuesWrittenInTheirShortestDigitGroupsAreFound() {
        assertThat(found("SSN 123 45 6789; Steuer-ID 86 095 742 719; BSN 1112.22.333; DNI 12345678-Z; "
                + "NIR 2 55 08 14 168 025 38", "us-ssn", "eu-national-id")).containsExactly("us-ssn=123 45 6789",
                "de-tax-id=86 095 742 719", "nl-bsn=1112.22.333", "es-dni=12345678-Z", "fr-nir=2 55 08 14 168 025 38");
    }

    @Test
    void wideSpacesSeparateWordsLikeSpaces() {
        assertThat(found("BSN\u2003111222333\u3000mail\u2009anna.schmidt@example.de", "nl-bsn", "email"))
                .containsExactly("nl-bsn=111222333", "email=anna.schmidt@example.de");
    }
}
