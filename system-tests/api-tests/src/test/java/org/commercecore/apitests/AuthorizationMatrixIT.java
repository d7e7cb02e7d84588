package org.commercecore.apitests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every documented operation of both APIs, on every instance, called by every role with an
 * otherwise valid request: each role gets what the operation's {@code x-access} says. The
 * operations come from the OpenAPI documents (and each API's OpenApiDocumentTest keeps those equal
 * to the routes served), so a new route is in the matrix the day it exists.
 */
@ExtendWith(ApisExtension.class)
class AuthorizationMatrixIT {

    @TestFactory
    List<DynamicTest> everyRoleGetsWhatTheDocumentSays(Apis apis) {
        List<DynamicTest> tests = new ArrayList<>();
        for (ApiOperation operation : ApiOperation.all()) {
            int instances = operation.api() == ApiOperation.Api.QUERY ? apis.queryApis().size() : 1;
            for (int i = 0; i < instances; i++) {
                int instance = i;
                String name = operation + (operation.api() == ApiOperation.Api.QUERY ? " on query instance " + (i + 1) : "")
                        + " (" + operation.access().name().toLowerCase() + ")";
                tests.add(DynamicTest.dynamicTest(name, () -> check(apis, operation, instance, name)));
            }
        }
        return tests;
    }

    private static void check(Apis apis, ApiOperation operation, int instance, String target) {
        Requests requests = new Requests(apis.actors());
        URI base = apis.base(operation.api(), instance);
        Map<Role, Http.Reply> replies = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            Http.Reply reply = Http.send(base, requests.valid(operation, role));
            replies.put(role, reply);
            assertThat(reply.status()).as("%s as %s: %s", target, role, reply.body()).isLessThan(500);
            Access.Expected expected = operation.access().expectedFor(role);
            if (expected == Access.Expected.ALLOWED) {
                assertThat(reply.status()).as("%s as %s may: %s", target, role, reply.body()).isBetween(200, 299);
            } else if (expected != Access.Expected.SAME_FOR_EVERY_ROLE) {
                assertThat(reply.status()).as("%s as %s must be refused: %s", target, role, reply.body()).isEqualTo(expected.refusal());
                assertThat(reply.isProblem()).as("%s as %s: a problem+json", target, role).isTrue();
            }
        }
        if (operation.access() == Access.PUBLIC) {
            int anonymous = replies.get(Role.ANONYMOUS).status();
            assertThat(anonymous).as("%s is public and its request valid: %s", target, replies.get(Role.ANONYMOUS).body()).isBetween(200, 299);
            replies.forEach((role, reply) -> assertThat(reply.status())
                    .as("%s is public: %s gets what anyone gets (%s)", target, role, reply.body()).isEqualTo(anonymous));
        }
    }
}
