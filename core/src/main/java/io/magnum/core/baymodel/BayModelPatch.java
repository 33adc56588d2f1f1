package io.magnum.core.baymodel;

import io.magnum.InvalidInputException;
import io.magnum.model.BayModelField;
import io.magnum.model.BayModelSpec;
import io.magnum.model.PatchOperation;
import io.magnum.spi.FieldViolation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Applies Magnum's patch operations to a baymodel's attributes; every bad operation is reported. */
final class BayModelPatch
{
    private static final String LABEL_PREFIX = "labels/";

    private BayModelPatch()
    {
    }

    static BayModelSpec apply(BayModelSpec current, List<PatchOperation> operations)
    {
        if (operations == null || operations.isEmpty()) {
            throw InvalidInputException.of("patch", "a patch needs at least one operation");
        }
        Map<String, Object> attributes = new LinkedHashMap<>(current.toAttributes());
        List<FieldViolation> errors = new ArrayList<>();
        for (PatchOperation operation : operations) {
            if (operation == null) {
                errors.add(new FieldViolation("patch", "a patch operation is missing (null)"));
                continue;
            }
            try {
                applyOne(attributes, operation);
            }
            catch (InvalidInputException e) {
                errors.addAll(e.violations());
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        return BayModelSpec.fromAttributes(attributes);
    }

    private static void applyOne(Map<String, Object> attributes, PatchOperation operation)
    {
        String op = operation.op() == null ? "" : operation.op().toLowerCase(Locale.ROOT);
        if (!op.equals("add") && !op.equals("replace") && !op.equals("remove")) {
            throw InvalidInputException.of("op", "patch operation '" + operation.op()
                    + "' is not supported; use add, replace or remove");
        }
        String path = operation.path() == null ? "" : operation.path().strip();
        if (path.startsWith("/")) {
            path = path.substring(1);
        }
        if (path.isEmpty()) {
            throw InvalidInputException.of("path", "a patch operation needs a path (a field name)");
        }
        if (path.startsWith(LABEL_PREFIX)) {
            applyToLabel(attributes, op, path.substring(LABEL_PREFIX.length()), operation.value());
            return;
        }
        String name = path;
        BayModelField field = BayModelField.byName(name).orElseThrow(() -> InvalidInputException.of(name,
                "unknown field '" + name + "' in patch"));
        if (!field.writable()) {
            throw InvalidInputException.of(name, name + " is read-only and cannot be patched");
        }
        if (op.equals("remove")) {
            attributes.remove(name);
            return;
        }
        if (operation.value() == null) {
            throw InvalidInputException.of(name, op + " of " + name + " needs a value");
        }
        attributes.put(name, field.coerce(operation.value()));
    }

    @SuppressWarnings("unchecked")
    private static void applyToLabel(Map<String, Object> attributes, String op, String key, Object value)
    {
        Map<String, String> labels = new LinkedHashMap<>();
        Object existing = attributes.get(BayModelField.LABELS.apiName());
        if (existing instanceof Map<?, ?> map) {
            labels.putAll((Map<String, String>) map);
        }
        if (key.isEmpty()) {
            throw InvalidInputException.of("labels", "a label path needs a key: labels/<key>");
        }
        if (op.equals("remove")) {
            if (labels.remove(key) == null) {
                throw InvalidInputException.of("labels", "label " + key + " is not set");
            }
        }
        else if (value instanceof String text) {
            labels.put(key, text);
        }
        else {
            throw InvalidInputException.of("labels", "label " + key + " needs a string value, not '" + value + "'");
        }
        attributes.put(BayModelField.LABELS.apiName(), labels);
    }
}
