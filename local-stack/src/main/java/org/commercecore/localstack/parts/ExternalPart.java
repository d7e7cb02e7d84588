package org.commercecore.localstack.parts;

import java.time.Duration;

/** A part that runs elsewhere: the stack checks that it answers, and never stops it. */
public final class ExternalPart implements Part {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final String name;
    private final String address;

    private ExternalPart(String name, String address) {
        this.name = name;
        this.address = address;
    }

    /**
     * Waits until the part answers {@code probe}; the error names the variable that made the stack
     * use an external part, since a leftover export is the usual reason one does not answer.
     */
    public static ExternalPart probed(String name, String address, String variable, Waits.Probe probe) {
        try {
            Waits.until(name + " at " + address, PATIENCE, probe);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + " (" + variable + " is set, so the stack uses it instead of"
                    + " starting one; unset it to start an embedded " + name + ")", e);
        }
        return new ExternalPart(name, address);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public String origin() {
        return "external";
    }

    @Override
    public void close() {
        // not ours to stop
    }
}
