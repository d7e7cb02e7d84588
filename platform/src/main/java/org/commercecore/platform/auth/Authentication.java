package org.commercecore.platform.auth;

import io.javalin.http.Context;
import org.commercecore.platform.http.api.ProblemException;

/** Reads the caller from a request's {@code Authorization: Bearer} header; the same check in both APIs. */
public final class Authentication {
    private static final String BEARER = "Bearer ";

    private final AccessTokens tokens;

    public Authentication(AccessTokens tokens) {
        this.tokens = tokens;
    }

    /** The caller, or 401. */
    public Caller caller(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"commerce-core\"");
            throw ProblemException.unauthorized("send an access token: Authorization: Bearer <token> (POST /auth/login)");
        }
        return tokens.verify(header.substring(BEARER.length()).trim()).orElseThrow(() -> {
            ctx.header("WWW-Authenticate", "Bearer realm=\"commerce-core\", error=\"invalid_token\"");
            return ProblemException.unauthorized("the access token is invalid or expired");
        });
    }

    /** The caller if an admin; 401 without a token, 403 for anyone else. */
    public Caller admin(Context ctx) {
        Caller caller = caller(ctx);
        if (!caller.isAdmin()) {
            throw ProblemException.forbidden("this needs the ADMIN role");
        }
        return caller;
    }
}
