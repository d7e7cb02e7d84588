package org.commercecore.query;

import java.net.URI;
import org.commercecore.platform.config.ConfigSource;
import org.commercecore.platform.config.PlatformSettings;
import org.commercecore.platform.streams.StreamsAppConfig;
import org.commercecore.platform.topics.Topic;
import org.commercecore.platform.topics.Topics;
import org.commercecore.schemas.deadletter.DeadLetter;

/** The query API's configuration: its Streams settings, its ports, and the token secret it shares with the command API. */
public record QueryApiConfig(StreamsAppConfig streams, int httpPort, int grpcPort, String advertisedHost, String tokenSecret,
        URI redisUrl) {
    /** The Kafka Streams application id of every instance; LocalStack.APPS launches them under the same id. */
    public static final String APPLICATION_ID = "commerce-query";
    public static final Topic<byte[], DeadLetter> DEAD_LETTERS = Topics.deadLetter(APPLICATION_ID);

    public static QueryApiConfig from(ConfigSource source) {
        return new QueryApiConfig(StreamsAppConfig.from(source, APPLICATION_ID), source.get(PlatformSettings.HTTP_PORT),
                source.get(QueryApiSettings.GRPC_PORT), source.get(QueryApiSettings.ADVERTISED_HOST),
                source.get(PlatformSettings.TOKEN_SECRET), source.get(PlatformSettings.REDIS_URL));
    }

    @Override
    public String toString() {
        return "QueryApiConfig[streams=" + streams + ", httpPort=" + httpPort + ", grpcPort=" + grpcPort + ", advertisedHost="
                + advertisedHost + ", redisUrl=" + redisUrl + "]";
    }
}
