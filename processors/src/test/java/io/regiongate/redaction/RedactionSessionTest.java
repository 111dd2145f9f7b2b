package io.regiongate.redaction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Placeholders: typed, numbered per type, the same for the same value within a request, and reversible. */
class RedactionSessionTest {

    @Test
    void replacesEachValueWithATypedNumberedPlaceholderTheSameValueAlwaysTheSame() {
        RedactionSession session = RedactionFixtures.gdpr(false, false);

        String redacted = session.redact("Mail anna@example.com or bob@example.org; again anna@example.com. "
                + "IBAN DE89 3704 0044 0532 0130 00, call +49 30 901820.");

        assertThat(redacted).isEqualTo("Mail [EMAIL_1] or [EMAIL_2]; again [EMAIL_1]. IBAN [IBAN_1], call [PHONE_1].");
        assertThat(session.counts()).containsEntry("email", 3).containsEntry("iban", 1).containsEntry("phone", 1);
    }

    @Test
    void restoresOnlyThePlaceholdersItHandedOut() {
        RedactionSession session = RedactionFixtures.gdpr(false, true);
        session.redact("Write to anna@example.com");

        assertThat(session.restore("Sure, I wrote to [EMAIL_1] and [EMAIL_7].")).isEqualTo(
                "Sure, I wrote to anna@example.com and [EMAIL_7].");
    }

    @Test
    void neverHandsOutAPlaceholderTheClientsTextAlreadyHolds() {
        RedactionSession session = RedactionFixtures.gdpr(false, true);
        String prompt = "Template: Dear [EMAIL_1], your address anna@example.com is on file.";
        session.reserveExisting(prompt);

        String redacted = session.redact(prompt);

        assertThat(redacted).isEqualTo("Template: Dear [EMAIL_1], your address [EMAIL_2] is on file.");
        assertThat(session.restore(redacted)).isEqualTo("Template: Dear [EMAIL_1], your address anna@example.com is on file.");
    }

    @Test
    void customPatternsGetTheirOwnPlaceholders() {
        RedactionSession session = RedactionFixtures.gdpr(false, false);

        assertThat(session.redact("badge EMP-004211 at the gate")).isEqualTo("badge [EMPLOYEE_ID_1] at the gate");
    }

    @Test
    void checksumTypesWithWrongCheckDigitsAreLeftAlone() {
        RedactionSession session = RedactionFixtures.gdpr(false, false);

        String text = "IBAN DE89 3704 0044 0532 0130 01 and card 4111 1111 1111 1112";
        assertThat(session.redact(text)).isEqualTo(text);
        assertThat(session.counts()).isEmpty();
    }
}
