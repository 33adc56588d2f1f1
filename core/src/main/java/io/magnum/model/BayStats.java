package io.magnum.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many bays a project holds and how many nodes (masters and minions) they were asked for, as
 * {@code magnum stats-list} prints them.
 *
 * @param bays  the bays, whatever their status
 * @param nodes the sum of their {@code node_count} and {@code master_count}
 */
public record BayStats(int bays, long nodes)
{
    /** @return Magnum's fields: {@code clusters} and {@code nodes} */
    public Map<String, Object> attributes()
    {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("clusters", bays);
        map.put("nodes", nodes);
        return map;
    }
}
