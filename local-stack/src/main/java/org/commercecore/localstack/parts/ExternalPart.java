package org.commercecore.localstack.parts;

/** A part that runs elsewhere; the stack only checks that it answers. */
public record ExternalPart(String name, String address) implements Part {

    @Override
    public String origin() {
        return "external";
    }

    @Override
    public void close() {
        // not ours to stop
    }
}
