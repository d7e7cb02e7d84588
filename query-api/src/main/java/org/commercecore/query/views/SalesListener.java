package org.commercecore.query.views;

/** Told, at most about once a second, that the top-sellers view has changed (so caches of it can be dropped). */
@FunctionalInterface
public interface SalesListener {
    void salesMoved();
}
