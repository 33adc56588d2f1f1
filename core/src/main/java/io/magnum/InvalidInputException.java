package io.magnum;

import io.magnum.spi.FieldViolation;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The request is malformed or breaks a rule. {@link #violations()} lists every broken rule with the field it
 * concerns; the message joins them. Nothing was changed.
 *
 * <pre>{@code
 * try {
 *     magnum.bayModels().create(spec);
 * } catch (InvalidInputException e) {
 *     e.violations().forEach(v -> log.warn("{}: {}", v.field(), v.message()));
 * }
 * }</pre>
 */
public class InvalidInputException extends MagnumException
{
    private static final long serialVersionUID = 1L;

    private final List<FieldViolation> violations;

    public InvalidInputException(List<FieldViolation> violations)
    {
        this(violations, null);
    }

    /**
     * @param violations every broken rule, not empty
     * @param cause      what found them (a driver's exception), or null
     */
    public InvalidInputException(List<FieldViolation> violations, Throwable cause)
    {
        super(ErrorCode.INVALID_INPUT, violations.stream().map(FieldViolation::message).collect(Collectors.joining("; ")),
                cause);
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("violations is empty");
        }
        this.violations = List.copyOf(violations);
    }

    /**
     * One broken rule.
     *
     * @param field   the field, as Magnum's API names it
     * @param message what is wrong
     * @return the exception
     */
    public static InvalidInputException of(String field, String message)
    {
        return new InvalidInputException(List.of(new FieldViolation(field, message)));
    }

    /** @return every broken rule, never empty */
    public List<FieldViolation> violations()
    {
        return violations;
    }
}
