package dev.holdfast.healthcheck.probe;

import dev.holdfast.healthcheck.socket.SocketLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** Starts a socket-loop exchange on the loop's thread, directly when already there (the checkers always are). */
final class OnLoop {
    private OnLoop() {
    }

    static <T> CompletionStage<T> call(SocketLoop loop, Supplier<CompletableFuture<T>> start) {
        if (loop.inLoop()) {
            return start.get();
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.execute(() -> start.get().whenComplete((value, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(value);
            }
        }));
        return result;
    }
}
