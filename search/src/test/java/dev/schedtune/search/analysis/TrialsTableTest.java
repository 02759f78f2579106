package dev.schedtune.search.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schedtune.search.Study;
import dev.schedtune.search.Trial;
import dev.schedtune.search.trial.StudyDirection;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrialsTableTest {

    @Test
    void exportsOptunaColumnsAsCsvAndJson() throws Exception {
        Study s = Study.builder("table")
                .directions(StudyDirection.MINIMIZE, StudyDirection.MAXIMIZE)
                .create();
        s.enqueueTrial(java.util.Map.of("opt", "adam,beta"));
        Trial a = s.ask();
        a.suggestFloat("lr", 0, 1);
        a.suggestCategorical("opt", "sgd", "adam,beta");
        a.setUserAttr("note", "say \"hi\"");
        a.setUserAttr("curve", List.of(1.0, 2.0));
        a.setConstraint("mem", -1);
        s.tell(a, 0.5, 2);
        Trial b = s.ask();
        s.fail(b.number(), "boom");
        TrialsTable table = TrialsTable.of(s.trials(), s.directions());
        assertThat(table.columns())
                .containsExactly(
                        "number",
                        "values_0",
                        "values_1",
                        "datetime_start",
                        "datetime_complete",
                        "duration",
                        "params_lr",
                        "params_opt",
                        "user_attrs_note",
                        "user_attrs_curve",
                        "constraints",
                        "state");
        assertThat(table.get(0, "values_1")).isEqualTo(2.0);
        assertThat(table.get(1, "values_0")).isNull();
        assertThat(table.get(1, "state")).isEqualTo("FAIL");
        StringWriter csv = new StringWriter();
        table.writeCsv(csv);
        String[] lines = csv.toString().split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("number,values_0,values_1,datetime_start");
        assertThat(lines[1]).startsWith("0,0.5,2.0,");
        assertThat(lines[1]).contains(",\"adam,beta\",\"say \"\"hi\"\"\",\"[1.0,2.0]\",[-1.0],COMPLETE");
        assertThat(lines[2]).startsWith("1,,,").endsWith(",FAIL");
        StringWriter json = new StringWriter();
        table.writeJson(json);
        JsonNode rows = new ObjectMapper().readTree(json.toString());
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("user_attrs_curve").get(1).asDouble()).isEqualTo(2.0);
        assertThat(rows.get(1).get("state").asText()).isEqualTo("FAIL");
    }
}
