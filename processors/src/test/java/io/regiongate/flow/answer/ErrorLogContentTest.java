package io.regiongate.flow.answer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorLogContentTest {

    @Test
    void anUnexpectedFailureIsLoggedByTypeAndPlaceNeverByItsMessage() {
        Exception failure = new IllegalStateException("could not parse 'MY SECRET PROMPT'",
                new IllegalArgumentException("near 'MY SECRET PROMPT'"));

        String logged = ErrorResponseProcessor.typeChain(failure);

        assertThat(logged).doesNotContain("SECRET")
                .contains("java.lang.IllegalStateException at ", "java.lang.IllegalArgumentException at ");
    }
}
