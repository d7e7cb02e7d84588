package org.commercecore.payments.provider;

import org.commercecore.schemas.payments.DeclineCode;

/** The provider's answer: approved with its reference, or declined with a code and reason. */
public record ProviderResult(boolean approved, String reference, DeclineCode declineCode, String reason) {

    public static ProviderResult approved(String reference) {
        return new ProviderResult(true, reference, null, null);
    }

    public static ProviderResult declined(DeclineCode code, String reason) {
        return new ProviderResult(false, null, code, reason);
    }
}
