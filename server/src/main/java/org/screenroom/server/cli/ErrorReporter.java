package org.screenroom.server.cli;

import org.screenroom.server.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Prints a failed command's reason as one readable paragraph on stderr (the stack trace goes to
 * the log at debug level only): a filmmaker at a terminal needs the sentence, not the trace.
 */
final class ErrorReporter implements IExecutionExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorReporter.class);
  static final int CONFIG_ERROR = 2;
  static final int FAILURE = 1;

  @Override
  public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
    LOG.debug("command failed", e);
    cli.getErr().println("error: " + e.getMessage());
    return e instanceof ConfigException ? CONFIG_ERROR : FAILURE;
  }
}
