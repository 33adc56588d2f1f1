package io.magnum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

final class PythonTextTest
{
    private static JsonNode json(String text)
    {
        try {
            return FakeApi.MAPPER.readTree(text);
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void strOfEachJsonType()
    {
        assertThat(PythonText.str(json("null"))).isEqualTo("None");
        assertThat(PythonText.str(null)).isEqualTo("None");
        assertThat(PythonText.str(json("true"))).isEqualTo("True");
        assertThat(PythonText.str(json("false"))).isEqualTo("False");
        assertThat(PythonText.str(json("5"))).isEqualTo("5");
        assertThat(PythonText.str(json("0.5"))).isEqualTo("0.5");
        assertThat(PythonText.str(json("2.0"))).isEqualTo("2.0");
        assertThat(PythonText.str(json("1e10"))).isEqualTo("10000000000.0");
        assertThat(PythonText.str(json("\"CREATE_COMPLETE\""))).isEqualTo("CREATE_COMPLETE");
        assertThat(PythonText.str(json("[\"a\", 1, null, true]"))).isEqualTo("['a', 1, None, True]");
        assertThat(PythonText.str(json("{\"k\": \"v\", \"n\": {\"x\": [1]}}")))
                .isEqualTo("{'k': 'v', 'n': {'x': [1]}}");
        assertThat(PythonText.str(json("[]"))).isEqualTo("[]");
        assertThat(PythonText.str(json("{}"))).isEqualTo("{}");
    }

    @Test
    void reprQuotesAsPythonDoes()
    {
        assertThat(PythonText.repr("plain")).isEqualTo("'plain'");
        assertThat(PythonText.repr("it's")).isEqualTo("\"it's\"");
        assertThat(PythonText.repr("both ' and \"")).isEqualTo("'both \\' and \"'");
        assertThat(PythonText.repr("a\nb\\c\t")).isEqualTo("'a\\nb\\\\c\\t'");
        assertThat(PythonText.repr("\u0001")).isEqualTo("'\\x01'");
    }

    @Test
    void showValueQuotesEveryListItem()
    {
        assertThat(PythonText.showValue(json("[\"172.24.4.5\", \"172.24.4.6\"]")))
                .isEqualTo("['172.24.4.5', '172.24.4.6']");
        assertThat(PythonText.showValue(json("[1, 2]"))).isEqualTo("['1', '2']");
        assertThat(PythonText.showValue(json("[{\"port\": 80}]"))).isEqualTo("[\"{'port': 80}\"]");
        assertThat(PythonText.showValue(json("{\"port\": 80}"))).isEqualTo("{'port': 80}");
    }

    @Test
    void dumpsAsJsonDumps()
    {
        assertThat(PythonText.dumps(
                json("{\"uuid\": \"u\", \"memory\": null, \"env\": {\"A\": \"é\"}, \"n\": [1, true]}")))
                .isEqualTo("{\"uuid\": \"u\", \"memory\": null, \"env\": {\"A\": \"\\u00e9\"}, \"n\": [1, true]}");
    }
}
