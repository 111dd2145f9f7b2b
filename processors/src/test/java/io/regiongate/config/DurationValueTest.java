package io.regiongate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Durations are written as a whole number and one of ms, s, m, h. */
class DurationValueTest {

    @ParameterizedTest
    @CsvSource({"250ms, PT0.25S", "10s, PT10S", "5m, PT5M", "1h, PT1H", "' 30 s ', PT30S", "0s, PT0S"})
    void readsWholeNumberWithUnit(String text, Duration expected) {
        assertThat(DurationValue.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10", "1d", "-1s", "1.5s", "10S", "PT10S", "s", ""})
    void refusesAnythingElseNamingTheAcceptedFormat(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> DurationValue.parse(text))
                .withMessageContaining("'" + text + "' is not a duration")
                .withMessageContaining("ms, s, m or h");
    }
}
