package io.regiongate.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The hand-written check-digit rules, on published example identifiers and the same with one digit changed. */
class CheckDigitsTest {

    @Test
    void germanTaxIdNeedsItsCheckDigitAndOneRepeatedDigit() {
        assertThat(CheckDigits.deTaxId("86095742719")).isTrue();
        assertThat(CheckDigits.deTaxId("86095742718")).isFalse();
        assertThat(CheckDigits.deTaxId("12345678901")).as("no digit repeated").isFalse();
        assertThat(CheckDigits.deTaxId("06095742719")).as("leading zero").isFalse();
    }

    @Test
    void frenchNirKeyIs97MinusTheNumberModulo97() {
        assertThat(CheckDigits.frNir("255081416802538")).isTrue();
        assertThat(CheckDigits.frNir("255081416802539")).isFalse();
        assertThat(CheckDigits.frNir("555081416802538")).as("sex digit 5").isFalse();
    }

    @Test
    void codiceFiscaleCheckLetterFollowsTheOddEvenTables() {
        assertThat(CheckDigits.itCodiceFiscale("RSSMRA85T10A562S")).isTrue();
        assertThat(CheckDigits.itCodiceFiscale("RSSMRA85T10A562T")).isFalse();
    }

    @Test
    void spanishDniAndNieLetters() {
        assertThat(CheckDigits.esDni("12345678Z")).isTrue();
        assertThat(CheckDigits.esDni("12345678A")).isFalse();
        assertThat(CheckDigits.esNie("X1234567L")).isTrue();
        assertThat(CheckDigits.esNie("X1234567M")).isFalse();
    }

    @Test
    void dutchBsnElevenTest() {
        assertThat(CheckDigits.nlBsn("111222333")).isTrue();
        assertThat(CheckDigits.nlBsn("123456782")).isTrue();
        assertThat(CheckDigits.nlBsn("123456781")).isFalse();
        assertThat(CheckDigits.nlBsn("000000000")).isFalse();
    }

    @Test
    void polishPeselCheckDigitAndBirthDate() {
        assertThat(CheckDigits.plPesel("44051401359")).isTrue();
        assertThat(CheckDigits.plPesel("44051401358")).isFalse();
        assertThat(CheckDigits.plPesel("44053201357")).as("32 May does not exist").isFalse();
    }

    @Test
    void usSsnAndItinRanges() {
        assertThat(CheckDigits.usSsn("123456789")).isTrue();
        assertThat(CheckDigits.usSsn("000456789")).isFalse();
        assertThat(CheckDigits.usSsn("666456789")).isFalse();
        assertThat(CheckDigits.usSsn("900456789")).isFalse();
        assertThat(CheckDigits.usSsn("123006789")).isFalse();
        assertThat(CheckDigits.usSsn("123450000")).isFalse();
        assertThat(CheckDigits.usItin("912701234")).isTrue();
        assertThat(CheckDigits.usItin("912931234")).as("group 93 is not an ITIN's").isFalse();
        assertThat(CheckDigits.usItin("812701234")).isFalse();
    }

    @Test
    void abaRoutingNumbers() {
        assertThat(CheckDigits.usRouting("011000015")).isTrue();
        assertThat(CheckDigits.usRouting("021000021")).isTrue();
        assertThat(CheckDigits.usRouting("021000022")).isFalse();
    }
}
