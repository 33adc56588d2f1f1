package io.magnum.api.internal;

/**
 * Which of Magnum's two vocabularies a route speaks: the seed era's ({@code /v1/baymodels}, {@code /v1/bays},
 * {@code baymodel_id}, {@code bay_create_timeout}, Magnum 2.0.0's shapes) or today's ({@code /v1/clustertemplates},
 * {@code /v1/clusters}, {@code cluster_template_id}, {@code create_timeout}, Magnum 15's shapes). Both address the
 * same objects.
 */
public enum Era
{
    SEED("baymodels", "baymodel", "bays", "bay"),
    MODERN("clustertemplates", "cluster_template", "clusters", "cluster");

    private final String templates;
    private final String templateArgument;
    private final String clusters;
    private final String clusterArgument;

    Era(String templates, String templateArgument, String clusters, String clusterArgument)
    {
        this.templates = templates;
        this.templateArgument = templateArgument;
        this.clusters = clusters;
        this.clusterArgument = clusterArgument;
    }

    /** @return the templates' collection: {@code baymodels} or {@code clustertemplates} */
    public String templates()
    {
        return templates;
    }

    /** @return a template, as messages name it: {@code baymodel} or {@code cluster_template} */
    public String templateArgument()
    {
        return templateArgument;
    }

    /** @return the clusters' collection: {@code bays} or {@code clusters} */
    public String clusters()
    {
        return clusters;
    }

    /** @return a cluster, as messages name it: {@code bay} or {@code cluster} */
    public String clusterArgument()
    {
        return clusterArgument;
    }
}
