package org.commercecore.analytics.run;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The jobs' Spark session. Under {@code spark-submit} the master and resources come from it; run
 * as a plain program, it is {@code local[*]} on this machine. Times and days are UTC whatever the
 * machine's zone, and dates and timestamps come back as java.time values.
 */
public final class SparkSessions {
    private SparkSessions() {
    }

    public static SparkSession create(String job) {
        SparkConf conf = new SparkConf().setAppName("commerce-analytics " + job);
        if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
            conf.setIfMissing("spark.ui.enabled", "false");
        }
        conf.set("spark.sql.session.timeZone", "UTC");
        conf.set("spark.sql.datetime.java8API.enabled", "true");
        // small batches: the default of 200 shuffle partitions makes a day's report slow, not safe
        conf.setIfMissing("spark.sql.shuffle.partitions", "8");
        conf.setIfMissing("spark.sql.adaptive.enabled", "true");
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        // the jobs print their own progress; Spark's INFO lines would bury it
        spark.sparkContext().setLogLevel(System.getenv().getOrDefault("COMMERCE_ANALYTICS_SPARK_LOG_LEVEL", "WARN"));
        return spark;
    }
}
