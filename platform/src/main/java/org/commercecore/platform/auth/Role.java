package org.commercecore.platform.auth;

/** What an account may do: customers place and manage their own orders; admins run the shop. */
public enum Role {
    CUSTOMER,
    ADMIN
}
