package org.commercecore.query.lookup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the instance that owns a key and asks it: this instance's own store, or another's over
 * gRPC. When the owner cannot answer (unreachable, restoring, deadline passed), a standby copy
 * answers instead and says how far behind it is; while a rebalance moves the key, it asks again
 * with fresh metadata for a few seconds; when nobody can answer after that, the lookup fails with
 * {@link ViewUnavailableException} (the API answers 503), never with an empty answer. Whoever
 * answers decides what the asker may see ({@link ViewAccess}); a refusal ends the lookup with
 * {@link ViewAccessDeniedException}, without asking a standby or asking again.
 */
public final class ViewRouter {
    private static final Logger LOG = LoggerFactory.getLogger(ViewRouter.class);
    private static final long PEER_MARGIN_MILLIS = 2_000;
    private static final Duration REBALANCE_PATIENCE = Duration.ofSeconds(5);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(100);

    private final KafkaStreams streams;
    private final HostInfo self;
    private final LocalViews local;
    private final Peers peers;

    public ViewRouter(KafkaStreams streams, HostInfo self, LocalViews local, Peers peers) {
        this.streams = streams;
        this.self = self;
        this.local = local;
        this.peers = peers;
    }

    /** The answer to {@code lookup} for {@code asker}: a signed-in caller, or {@link Asker#ANONYMOUS} for a public view. */
    public CompletableFuture<Lookup.Answer> find(Asker asker, Lookup lookup) {
        long now = System.nanoTime();
        long waitUntil = now + TimeUnit.MILLISECONDS.toNanos(lookup.timeoutMillis());
        return findWhileMoving(asker, lookup, Math.max(now + REBALANCE_PATIENCE.toNanos(), waitUntil), waitUntil);
    }

    /**
     * While a rebalance moves a key's store (an instance joining, leaving, restarting), the owner and
     * the standbys named in the metadata can all refuse for a moment. Asking again with fresh metadata
     * a little later finds the store where it went; only when that takes longer is the view unavailable.
     */
    private CompletableFuture<Lookup.Answer> findWhileMoving(Asker asker, Lookup lookup, long giveUpAt, long waitUntil) {
        return findOnce(asker, lookup, giveUpAt).exceptionallyCompose(error -> {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (!(cause instanceof ViewUnavailableException) || System.nanoTime() + RETRY_PAUSE.toNanos() > giveUpAt) {
                return CompletableFuture.failedFuture(cause);
            }
            Executor later = CompletableFuture.delayedExecutor(RETRY_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
            // a wait asked again waits only for what is left of its own timeout
            return CompletableFuture.supplyAsync(() -> lookup.waitingAtMost(TimeUnit.NANOSECONDS.toMillis(
                    Math.max(0, waitUntil - System.nanoTime()))), later).thenCompose(again -> findWhileMoving(asker, again, giveUpAt, waitUntil));
        });
    }

    private CompletableFuture<Lookup.Answer> findOnce(Asker asker, Lookup lookup, long giveUpAt) {
        Lookup.View view = lookup.view();
        String key = lookup.key();
        String store = view.store();
        KeyQueryMetadata owner;
        try {
            owner = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new ViewUnavailableException("the views are not running: " + e.getMessage()));
        }
        if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
            return CompletableFuture.failedFuture(new ViewUnavailableException("the views are being rebalanced"));
        }
        return ask(owner.activeHost(), asker, lookup, lookup.timeoutMillis() + PEER_MARGIN_MILLIS)
                .exceptionallyCompose(error -> {
                    if (refused(error)) {
                        return CompletableFuture.failedFuture(new ViewAccessDeniedException());
                    }
                    LOG.warn("owner {} of {} {} could not answer ({}); trying standbys {}", owner.activeHost(), view, key,
                            error.getMessage(), owner.standbyHosts());
                    return fromStandby(new ArrayList<>(owner.standbyHosts()), asker, lookup.onStandby(), error).thenCompose(answer -> acceptFromStandby(lookup, answer, giveUpAt));
                });
    }

    /**
     * A standby cannot wait (waits end on the active copy's processing), so a wait it cannot
     * satisfy yet is asked again, of whoever owns the key by then, until the wait's own time is up;
     * only then does the standby's copy as it is become the answer, as an owner's would at its timeout.
     */
    private static CompletableFuture<Lookup.Answer> acceptFromStandby(Lookup lookup, Lookup.Answer answer, long giveUpAt) {
        boolean waitGoesOn = lookup.waitFor() != null && !answer.waited() && System.nanoTime() + RETRY_PAUSE.toNanos() < giveUpAt;
        return waitGoesOn
                ? CompletableFuture.failedFuture(new ViewUnavailableException("the owner cannot answer and the standby copy"
                        + " has not reached " + lookup.waitFor() + " yet"))
                : CompletableFuture.completedFuture(answer);
    }

    private CompletableFuture<Lookup.Answer> fromStandby(List<HostInfo> standbys, Asker asker, Lookup lookup, Throwable cause) {
        if (standbys.isEmpty()) {
            return CompletableFuture.failedFuture(new ViewUnavailableException(
                    "the instance owning this key cannot answer and no standby copy can either: " + cause.getMessage()));
        }
        HostInfo next = standbys.remove(0);
        return ask(next, asker, lookup, PEER_MARGIN_MILLIS).exceptionallyCompose(e -> refused(e)
                ? CompletableFuture.failedFuture(new ViewAccessDeniedException()) : fromStandby(standbys, asker, lookup, e));
    }

    private static boolean refused(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof ViewAccessDeniedException;
    }

    private CompletableFuture<Lookup.Answer> ask(HostInfo host, Asker asker, Lookup lookup, long deadlineMillis) {
        if (host.equals(self)) {
            try {
                return local.answer(asker, lookup);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        return peers.lookup(host, asker, lookup, deadlineMillis);
    }
}
