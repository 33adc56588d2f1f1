package io.magnum.spi.cloud;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A Heat stack as Heat shows it: its status ({@code CREATE_IN_PROGRESS}, {@code CREATE_COMPLETE},
 * {@code CREATE_FAILED}, {@code UPDATE_*}, {@code DELETE_*}), Heat's reason for it, its parameters (hidden ones as
 * {@code ******}) and its outputs (strings, numbers, lists or maps, as the template's outputs evaluate).
 *
 * <pre>{@code
 * Stack stack = cloud.stacks().get(id).orElseThrow();
 * if (stack.status().equals("CREATE_FAILED")) log.warn(stack.statusReason());
 * }</pre>
 *
 * @param id             the stack id
 * @param name           the stack name
 * @param status         action and state, such as {@code CREATE_COMPLETE}
 * @param statusReason   Heat's reason, such as {@code Stack CREATE completed successfully}
 * @param parameters     the parameter values in effect
 * @param outputs        the outputs; an output that cannot be evaluated yet is absent
 * @param timeoutMinutes the timeout, 0 for none
 * @param createdAt      when the stack was created
 * @param updatedAt      when it last changed state, or null
 */
public record Stack(
        String id,
        String name,
        String status,
        String statusReason,
        Map<String, String> parameters,
        Map<String, Object> outputs,
        int timeoutMinutes,
        Instant createdAt,
        Instant updatedAt)
{
    public Stack
    {
        requireNonNull(id, "id is null");
        requireNonNull(name, "name is null");
        requireNonNull(status, "status is null");
        requireNonNull(statusReason, "statusReason is null");
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(parameters, "parameters is null")));
        outputs = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(outputs, "outputs is null")));
        requireNonNull(createdAt, "createdAt is null");
    }

    /** @return the action part of the status: CREATE, UPDATE, DELETE, ... */
    public String action()
    {
        int underscore = status.indexOf('_');
        return underscore < 0 ? status : status.substring(0, underscore);
    }

    /** @return whether the stack is still working (status ends with {@code _IN_PROGRESS}) */
    public boolean inProgress()
    {
        return status.endsWith("_IN_PROGRESS");
    }

    /**
     * @param name an output name
     * @return the output's value, if the stack has it
     */
    public Optional<Object> output(String name)
    {
        return Optional.ofNullable(outputs.get(name));
    }
}
