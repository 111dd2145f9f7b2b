package io.regiongate.flow.stream;

import io.regiongate.sse.SseChunk;
import io.regiongate.sse.SseEvent;
import java.io.IOException;

/** Takes one upstream event through the {@link StreamEventSteps}, synchronously, and returns it as relayed or withheld. */
@FunctionalInterface
public interface StreamEventFlow {

    SseChunk process(StreamSession session, SseEvent event) throws IOException;
}
