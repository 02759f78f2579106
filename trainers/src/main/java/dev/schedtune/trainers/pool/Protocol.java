package dev.schedtune.trainers.pool;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The line protocol between the pool and a worker: one JSON object per line, field {@code type} first;
 * commands on the worker's standard input, messages on its {@link Channel}.
 *
 * <pre>
 * parent → worker   {"type":"run","id":7,"plan":{...}}    train a plan
 *                   {"type":"prune","id":7}               stop job 7 after its current epoch
 *                   {"type":"shutdown"}                   finish the current job, then exit
 * worker → parent   {"type":"ready","pid":1234,"engine_start_seconds":0.41,"warm_up_seconds":1.2}
 *                   {"type":"epoch","id":7,"report":{...}}    after every epoch
 *                   {"type":"result","id":7,"result":{...}}   the job's end
 *                   {"type":"error","id":7,"invalid":true,"fatal":false,"error_type":"...","message":"..."}
 * </pre>
 *
 * A worker whose standard input or channel closes (the parent died) exits at once; after a {@code fatal}
 * error (a JVM {@link Error}) it exits and the pool replaces it.
 */
final class Protocol {
    static final ObjectMapper JSON = new ObjectMapper();

    static final String RUN = "run";
    static final String PRUNE = "prune";
    static final String SHUTDOWN = "shutdown";
    static final String READY = "ready";
    static final String EPOCH = "epoch";
    static final String RESULT = "result";
    static final String ERROR = "error";

    private Protocol() {}

    static ObjectNode message(String type) {
        ObjectNode node = JSON.createObjectNode();
        node.put("type", type);
        return node;
    }

    static String line(JsonNode message) {
        try {
            return JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write protocol message", e);
        }
    }

    static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a protocol message: " + line, e);
        }
    }
}
