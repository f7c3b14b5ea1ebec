"""policykg.ontology: the measure ontology, the national outline, and the tagger.

Modules:
 * ``measures.ttl`` / ``indicators.ttl`` (Turtle, the source of truth) and
   ``shapes.ttl`` (SHACL);
 * :mod:`~policykg.ontology.vocab`: typed loader (``load_ontology``,
   ``bundled_ontology``, ``Ontology.resolve``);
 * :mod:`~policykg.ontology.outline` and :mod:`~policykg.ontology.outline_rdf`:
   the national outline from its YAML, and as RDF;
 * :mod:`~policykg.ontology.export`: ``ontology_graph`` and ``serialize``;
 * :mod:`~policykg.ontology.checks`: ``check_broader_cycles``, ``check_labels``,
   ``check_shared_altlabels``, ``validate_shapes``, ``validate``;
 * :mod:`~policykg.ontology.reference`: the core measure list of
   ``data/reference/core_measures.yaml``;
 * :mod:`~policykg.ontology.tagger`: ``Tagger`` and ``adoptions``;
 * :mod:`~policykg.ontology.evaluation`: ``evaluate_adoption``.

The document model the tagger annotates lives in :mod:`policykg.model`, its
own layer, so this package and the loaders import it without a cycle.
"""
