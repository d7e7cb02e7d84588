package org.commercecore.platform.http;

/** One condition of a service's health (liveness or readiness). Implementations must answer quickly. */
@FunctionalInterface
public interface HealthCheck {

    Result check();

    record Result(boolean up, String detail) {
        public static Result up(String detail) {
            return new Result(true, detail);
        }

        public static Result down(String detail) {
            return new Result(false, detail);
        }
    }
}
