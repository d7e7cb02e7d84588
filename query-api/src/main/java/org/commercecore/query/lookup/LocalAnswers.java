package org.commercecore.query.lookup;

import java.util.concurrent.CompletableFuture;

/** Answers lookups from this instance's own stores, for an asker, by {@link ViewAccess}'s rule ({@link LocalViews}). */
@FunctionalInterface
interface LocalAnswers {
    CompletableFuture<Lookup.Answer> answer(Asker asker, Lookup lookup);
}
