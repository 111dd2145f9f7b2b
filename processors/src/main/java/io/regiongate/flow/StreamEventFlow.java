package io.regiongate.flow;

import io.regiongate.sse.SseChunk;
import io.regiongate.sse.SseEvent;
import java.io.IOException;

/** Takes one upstream event through the {@link StreamEventSteps}, synchronously, and returns it as relayed or withheld. */
@FunctionalInterface
public interface StreamEventFlow {

    /** The steps called directly, without Camel (unit tests, or a flow composed elsewhere). */
    StreamEventFlow IN_PROCESS = StreamEventSteps::all;

    SseChunk process(StreamSession session, SseEvent event) throws IOException;
}
