package org.screenroom.server.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Turns Vert.x's blocked-thread warnings into test failures: every warning its checker logs
 * while a test server runs is collected, and {@link TestServer#close()} fails if there was one.
 */
public final class BlockedThreads {
  private static final String CHECKER = "io.vertx.core.impl.BlockedThreadChecker";
  private static ListAppender<ILoggingEvent> appender;

  private BlockedThreads() {}

  /** Starts collecting (once per JVM) and answers how many warnings were seen so far. */
  public static synchronized int mark() {
    if (appender == null) {
      appender = new ListAppender<>();
      appender.start();
      ((Logger) LoggerFactory.getLogger(CHECKER)).addAppender(appender);
    }
    return appender.list.size();
  }

  /** The warnings logged since {@code mark}. */
  public static synchronized List<String> since(int mark) {
    return appender.list.subList(mark, appender.list.size()).stream()
        .map(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? ""
            : "\n" + java.util.Arrays.stream(e.getThrowableProxy().getStackTraceElementProxyArray())
                .limit(25).map(Object::toString).collect(java.util.stream.Collectors.joining("\n"))))
        .toList();
  }
}
