package org.commercecore.apitests;

/** The callers of the authorization matrix: A owns the resources in the paths, B is another customer. */
enum Role {
    ANONYMOUS,
    CUSTOMER_A,
    CUSTOMER_B,
    ADMIN
}
