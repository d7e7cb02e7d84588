package org.commercecore.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.commercecore.customers.CustomersApp;
import org.commercecore.notifications.NotificationsApp;
import org.commercecore.notifications.delivery.DeliveryWorker;
import org.commercecore.inventory.InventoryApp;
import org.commercecore.localstack.LocalStack;
import org.commercecore.localstack.StackSettings;
import org.commercecore.localstack.parts.AppProcess;
import org.commercecore.orders.OrdersApp;
import org.commercecore.payments.PaymentsApp;
import org.commercecore.platform.topics.Topic;
import org.commercecore.query.QueryApiApp;
import org.commercecore.query.QueryApiConfig;
import org.junit.jupiter.api.Test;

/**
 * The local stack launches the apps by module and main class, without seeing their classes, so it
 * spells each Streams app's application id a second time. Here both sides are visible: they must agree.
 */
class LocalStackAppsTest {
    /** Main class of each Streams app, to the application id the app itself declares. */
    private static final Map<String, String> OWN_IDS = Map.of(
            InventoryApp.class.getName(), InventoryApp.APPLICATION_ID,
            PaymentsApp.class.getName(), PaymentsApp.APPLICATION_ID,
            OrdersApp.class.getName(), OrdersApp.APPLICATION_ID,
            CustomersApp.class.getName(), CustomersApp.APPLICATION_ID,
            NotificationsApp.class.getName(), NotificationsApp.APPLICATION_ID,
            QueryApiApp.class.getName(), QueryApiConfig.APPLICATION_ID);

    @Test
    void theStackLaunchesEachStreamsAppUnderTheAppsOwnApplicationId() {
        for (AppProcess.App app : LocalStack.APPS) {
            assertThat(app.applicationId()).as("application id of %s (%s)", app.name(), app.mainClass())
                    .isEqualTo(Optional.ofNullable(OWN_IDS.get(app.mainClass())));
        }
        assertThat(LocalStack.APPS).extracting(AppProcess.App::mainClass).containsAll(OWN_IDS.keySet());
    }

    /**
     * Each main class is on this module's classpath, except the gateway's: it runs on Spring Boot's
     * classpath, which must stay out of ours, so its source file is looked for instead.
     */
    @Test
    void everyLaunchedMainClassExists() {
        for (AppProcess.App app : LocalStack.APPS) {
            if (app.name().equals(LocalStack.GATEWAY)) {
                Path source = StackSettings.findHome().resolve(app.module()).resolve("src/main/java")
                        .resolve(app.mainClass().replace('.', '/') + ".java");
                assertThat(source).as("%s in %s", app.mainClass(), app.module()).isRegularFile();
                continue;
            }
            assertThatCode(() -> Class.forName(app.mainClass(), false, getClass().getClassLoader()))
                    .as("%s in %s", app.mainClass(), app.module()).doesNotThrowAnyException();
        }
    }

    @Test
    void theStackPreparesEveryStreamsAppsDeadLetterTopic() {
        assertThat(LocalStack.defaultTopics()).extracting(Topic::name).contains(InventoryApp.DEAD_LETTERS.name(),
                PaymentsApp.DEAD_LETTERS.name(), OrdersApp.DEAD_LETTERS.name(), CustomersApp.DEAD_LETTERS.name(),
                NotificationsApp.DEAD_LETTERS.name(), DeliveryWorker.DEAD_LETTERS.name(),
                QueryApiConfig.DEAD_LETTERS.name()).doesNotHaveDuplicates();
    }
}
