package io.magnum.cli;

/** The API answers the command tests script: a baymodel and the seed's bay in a given status. */
final class Samples
{
    static final String MODEL_UUID = "194a4b7e-0125-4956-8660-7551469ae1ed";
    static final String BAY_UUID = "481685d2-bc16-4daf-9aac-9e830c7da3f7";
    static final String MODEL = "{\"uuid\": \"" + MODEL_UUID + "\", \"name\": \"k8sbaymodel\", "
            + "\"links\": [{\"href\": \"x\", \"rel\": \"self\"}], \"coe\": \"kubernetes\"}";

    private Samples()
    {
    }

    static String bay(String status)
    {
        return "{\"uuid\": \"" + BAY_UUID + "\", \"name\": \"k8sbay\", \"baymodel_id\": \"" + MODEL_UUID
                + "\", \"node_count\": 1, \"master_count\": 1, \"status\": \"" + status
                + "\", \"status_reason\": \"" + (status.endsWith("FAILED") ? "Resource CREATE failed: boom" : "ok")
                + "\", \"links\": []}";
    }
}
