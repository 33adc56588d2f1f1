package io.magnum.spi.cloud;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Heat: stacks built from HOT templates. Create, update and delete return at once with the stack in its
 * {@code *_IN_PROGRESS} state; the work goes on in the cloud, and {@link #get} or {@link #list(Collection)} show
 * how it ends. Thread-safe.
 *
 * <pre>{@code
 * Stack stack = cloud.stacks().create(request);
 * List<Stack> many = cloud.stacks().list(List.of(id1, id2, id3));   // one call, whatever the count
 * }</pre>
 */
public interface Orchestration
{
    /**
     * Validates the request and starts creating the stack.
     *
     * @param request the template, files, parameters and timeout
     * @return the stack, {@code CREATE_IN_PROGRESS}
     * @throws InvalidStackException when Heat refuses the template or the parameters
     * @throws CloudException        when the cloud cannot answer
     */
    Stack create(StackRequest request);

    /**
     * @param idOrName a stack id or name
     * @return the stack, or empty when there is none (or it is deleted)
     */
    Optional<Stack> get(String idOrName);

    /**
     * Many stacks in one call, as Magnum's status sync needs. As in Heat's stack list, the stacks have no
     * parameters and no outputs: {@link #get} has them.
     *
     * @param ids stack ids
     * @return the stacks that exist, in no particular order; missing ones are left out
     */
    List<Stack> list(Collection<String> ids);

    /** @return every stack, without parameters and outputs, as Heat lists them */
    List<Stack> list();

    /**
     * Starts updating a stack to a new template and parameters. Resources whose definition is unchanged are kept;
     * a resource group whose count changes gains or loses members.
     *
     * @param id      the stack id
     * @param request the whole new definition (its name is ignored)
     * @return the stack, {@code UPDATE_IN_PROGRESS}
     * @throws StackNotFoundException when there is no such stack
     * @throws InvalidStackException  when Heat refuses the template or the parameters
     */
    Stack update(String id, StackRequest request);

    /**
     * Starts deleting a stack (cancelling a create or update in progress). Deleting a stack that is already being
     * deleted does nothing.
     *
     * @param id the stack id
     * @throws StackNotFoundException when there is no such stack
     */
    void delete(String id);

    /**
     * @param id the stack id
     * @return its top-level resources
     * @throws StackNotFoundException when there is no such stack
     */
    List<StackResource> resources(String id);

    /**
     * @param id the stack id
     * @return its events, oldest first, its nested stacks' included
     * @throws StackNotFoundException when there is no such stack
     */
    List<StackEvent> events(String id);
}
