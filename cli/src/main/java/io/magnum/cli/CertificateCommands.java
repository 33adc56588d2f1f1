package io.magnum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ca-show} and {@code ca-sign}: they print the PEM alone, as the python client does. */
final class CertificateCommands
{
    private CertificateCommands()
    {
    }

    /** The bay's uuid, looked up by name or uuid first, as the python client does. */
    private static String bayUuid(ApiCommand command, String bay)
    {
        return command.api().get(MagnumApi.path("v1", "bays", bay)).path("uuid").asText();
    }

    private static void printPem(ApiCommand command, JsonNode certificate)
    {
        command.out().println(certificate.path("pem").asText().stripTrailing());
    }

    /** {@code ca-show --bay <bay>}. */
    @Command(name = "ca-show", description = "Show details about the CA certificate for a bay.")
    static final class Show extends ApiCommand
    {
        @Option(names = "--bay", required = true, paramLabel = "<bay>", description = "ID or name of the bay.")
        String bay;

        @Override
        int run()
        {
            printPem(this, api().get(MagnumApi.path("v1", "certificates", bayUuid(this, bay))));
            return 0;
        }
    }

    /** {@code ca-sign --bay <bay> --csr <file>}: the CSR file is read here and sent. */
    @Command(name = "ca-sign", description = "Generate the CA certificate for a bay.")
    static final class Sign extends ApiCommand
    {
        @Option(names = "--csr", paramLabel = "<csr>",
                description = "File path of the csr file to send to Magnum to get signed.")
        String csr;

        @Option(names = "--bay", required = true, paramLabel = "<bay>", description = "ID or name of the bay.")
        String bay;

        @Override
        int run()
        {
            String uuid = bayUuid(this, bay);
            if (csr == null || !session().isFile(csr)) {
                throw new CliException("A CSR must be provided: --csr <file>"
                        + (csr == null ? "" : " (" + csr + " is not a file)"));
            }
            ObjectNode body = session().object();
            body.put("bay_uuid", uuid);
            body.put("csr", session().read(csr, "CSR"));
            printPem(this, api().post(MagnumApi.path("v1", "certificates"), body));
            return 0;
        }
    }
}
