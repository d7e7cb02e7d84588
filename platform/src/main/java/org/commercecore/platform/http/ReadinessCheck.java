package org.commercecore.platform.http;

/** One thing a service needs before it can take traffic. Implementations must answer quickly. */
@FunctionalInterface
public interface ReadinessCheck {

    Result check();

    record Result(boolean ready, String detail) {
        public static Result ready(String detail) {
            return new Result(true, detail);
        }

        public static Result notReady(String detail) {
            return new Result(false, detail);
        }
    }
}
