package io.magnum;

import io.magnum.model.BayModel;
import io.magnum.model.ListOptions;
import io.magnum.model.Page;
import io.magnum.model.SortDirection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static io.magnum.Fixtures.seedSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** limit, marker, sort_key and sort_dir, as Magnum's API takes them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListOptionsTest
{
    private Magnum magnum;
    private List<BayModel> created;

    @BeforeAll
    void start()
    {
        magnum = Fixtures.builder().build();
        created = new ArrayList<>();
        String[] names = {"delta", "alpha", null, "charlie", "bravo", null, "echo"};
        int size = 1;
        for (String name : names) {
            created.add(magnum.bayModels().create(seedSpec().name(name).dockerVolumeSize(size++ % 3 + 1).build()));
        }
    }

    @AfterAll
    void stop()
    {
        magnum.close();
    }

    @Test
    void defaultsToCreationOrder()
    {
        assertThat(magnum.bayModels().list()).isEqualTo(created);
        Page<BayModel> page = magnum.bayModels().list(ListOptions.DEFAULT);
        assertThat(page.items()).isEqualTo(created);
        assertThat(page.nextMarker()).isEmpty();
    }

    @Test
    void pagesWithLimitAndMarker()
    {
        for (String key : new String[] {"id", "name", "docker_volume_size", "uuid", "created_at", "coe"}) {
            for (SortDirection dir : SortDirection.values()) {
                List<BayModel> walked = walk(key, dir, 2);
                assertThat(walked).as("%s %s", key, dir).hasSize(created.size()).containsExactlyInAnyOrderElementsOf(created);
                assertThat(walked).as("%s %s matches one unpaged list", key, dir).isEqualTo(walk(key, dir, 1000));
            }
        }
    }

    @Test
    void sortsByNameWithUnnamedFirstThenReversed()
    {
        List<String> ascending = walk("name", SortDirection.ASC, 3).stream().map(BayModel::name).toList();
        assertThat(ascending).containsExactly(null, null, "alpha", "bravo", "charlie", "delta", "echo");
        List<BayModel> descending = walk("name", SortDirection.DESC, 3);
        List<BayModel> reversed = new ArrayList<>(walk("name", SortDirection.ASC, 3));
        java.util.Collections.reverse(reversed);
        assertThat(descending).isEqualTo(reversed);
    }

    @Test
    void sortsByIntegerColumn()
    {
        List<Integer> sizes = walk("docker_volume_size", SortDirection.ASC, 2).stream().map(BayModel::dockerVolumeSize).toList();
        assertThat(sizes).isSortedAccordingTo(Comparator.naturalOrder());
    }

    @Test
    void aFullPageHasANextMarker()
    {
        Page<BayModel> first = magnum.bayModels().list(ListOptions.builder().limit(3).build());
        assertThat(first.items()).isEqualTo(created.subList(0, 3));
        assertThat(first.nextMarker()).isEqualTo(Optional.of(created.get(2).uuid()));
        Page<BayModel> last = magnum.bayModels().list(ListOptions.builder().limit(4).marker(created.get(2).uuid()).build());
        assertThat(last.items()).isEqualTo(created.subList(3, 7));
        assertThat(last.nextMarker()).as("a full last page still links on, as Magnum's does").isPresent();
        assertThat(magnum.bayModels().list(ListOptions.builder().limit(4).marker(last.nextMarker().get()).build()).items())
                .isEmpty();
        assertThat(magnum.bayModels().list(ListOptions.builder().limit(5000).build()).items()).as("capped, not refused")
                .hasSize(7);
        assertThat(magnum.bayModels().list(ListOptions.builder().sortDir("DESC").build()).items().get(0))
                .isEqualTo(created.get(6));
    }

    @Test
    void refusesBadOptionsNamingThem()
    {
        assertRefused(ListOptions.builder().limit(0).build(), "limit", "limit must be a positive integer, not 0");
        assertRefused(ListOptions.builder().limit(-5).build(), "limit", "limit must be a positive integer, not -5");
        assertRefused(ListOptions.builder().sortKey("labels").build(), "sort_key", "sort_key 'labels' is not a sortable field");
        assertRefused(ListOptions.builder().sortKey("nope").build(), "sort_key", "sort_key 'nope' is not a sortable field");
        assertRefused(ListOptions.builder().sortDir("up").build(), "sort_dir", "sort_dir must be asc or desc, not 'up'");
        assertRefused(ListOptions.builder().marker("no-such-uuid").build(), "marker", "marker 'no-such-uuid' is not the uuid");
        assertThat(magnum.bayModels().list(null).items()).hasSize(7);
    }

    private void assertRefused(ListOptions options, String field, String message)
    {
        assertThatThrownBy(() -> magnum.bayModels().list(options))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).violations()).anySatisfy(v -> {
                    assertThat(v.field()).isEqualTo(field);
                    assertThat(v.message()).contains(message);
                }));
    }

    private List<BayModel> walk(String key, SortDirection dir, int limit)
    {
        List<BayModel> all = new ArrayList<>();
        String marker = null;
        for (int pages = 0; pages < 100; pages++) {
            Page<BayModel> page = magnum.bayModels().list(ListOptions.builder().sortKey(key).sortDir(dir).limit(limit)
                    .marker(marker).build());
            all.addAll(page.items());
            if (page.nextMarker().isEmpty()) {
                return all;
            }
            marker = page.nextMarker().get();
        }
        throw new AssertionError("paging did not end");
    }
}
