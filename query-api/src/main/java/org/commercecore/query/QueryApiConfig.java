package org.commercecore.query;

import java.net.URI;
import org.commercecore.platform.config.ConfigException;
import org.commercecore.platform.config.ConfigSource;
import org.commercecore.platform.config.PlatformSettings;
import org.commercecore.platform.streams.StreamsAppConfig;
import org.commercecore.platform.topics.Topic;
import org.commercecore.platform.topics.Topics;
import org.commercecore.schemas.deadletter.DeadLetter;

/**
 * The query API's configuration: its Streams settings, its ports, the token secret it shares with
 * the command API, and the peer secret its instances sign their gRPC lookups with.
 */
public record QueryApiConfig(StreamsAppConfig streams, int httpPort, int grpcPort, String advertisedHost, String tokenSecret,
        String peerSecret, URI redisUrl) {
    /** The Kafka Streams application id of every instance; LocalStack.APPS launches them under the same id. */
    public static final String APPLICATION_ID = "commerce-query";
    public static final Topic<byte[], DeadLetter> DEAD_LETTERS = Topics.deadLetter(APPLICATION_ID);

    /** One secret for both would let anyone holding the user tokens' key sign peer calls too. */
    public QueryApiConfig {
        if (peerSecret != null && peerSecret.equals(tokenSecret)) {
            throw new ConfigException(PlatformSettings.PEER_SECRET.envName() + " must differ from "
                    + PlatformSettings.TOKEN_SECRET.envName() + " (" + PlatformSettings.PEER_SECRET.description() + ")");
        }
    }

    public static QueryApiConfig from(ConfigSource source) {
        return new QueryApiConfig(StreamsAppConfig.from(source, APPLICATION_ID), source.get(PlatformSettings.HTTP_PORT),
                source.get(QueryApiSettings.GRPC_PORT), source.get(QueryApiSettings.ADVERTISED_HOST),
                source.get(PlatformSettings.TOKEN_SECRET), source.get(PlatformSettings.PEER_SECRET),
                source.get(PlatformSettings.REDIS_URL));
    }

    @Override
    public String toString() {
        return "QueryApiConfig[streams=" + streams + ", httpPort=" + httpPort + ", grpcPort=" + grpcPort + ", advertisedHost="
                + advertisedHost + ", redisUrl=" + redisUrl + "]";
    }
}
