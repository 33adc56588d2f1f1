/**
 * The {@code magnum} command-line client ({@code bin/magnum}): the seed's commands with python-magnumclient 2.x's
 * syntax and tables, talking to Magnum's v1 REST API over HTTP. {@link io.magnum.cli.MagnumCli} runs a command
 * line on given streams; {@link io.magnum.cli.Main} is the program.
 */
package io.magnum.cli;
