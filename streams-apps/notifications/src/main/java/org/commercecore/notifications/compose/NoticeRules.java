package org.commercecore.notifications.compose;

import java.time.Duration;

/**
 * How the notice processor treats time.
 *
 * @param window        how long a source event's id is remembered, and how old an event may be and still be notified
 * @param retryInterval how often notices waiting for their customer are tried again (wall clock)
 * @param longestHold   how long a notice waits for its customer before it is dead-lettered
 */
public record NoticeRules(Duration window, Duration retryInterval, Duration longestHold) {
}
