package org.commercecore.query.lookup;

/**
 * The asker may not see what the lookup asked for (another customer's order or orders, a private
 * view asked anonymously). The owning instance refuses it (PERMISSION_DENIED between instances);
 * the API answers as it does for something that does not exist, so the refusal reveals nothing.
 */
public final class ViewAccessDeniedException extends RuntimeException {
    public ViewAccessDeniedException() {
        super("the asker may not see this view", null, false, false);
    }
}
