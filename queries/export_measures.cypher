// export_measures: the measure ontology with category and served clauses
// mode: read
// params: -
// returns: id, label_zh, label_en, definition, alt_labels, core, category, clauses
MATCH (m:Measure)
OPTIONAL MATCH (m)-[:SERVES]->(c:Clause)
WITH m, c ORDER BY c.id
RETURN m.id AS id, m.label_zh AS label_zh, m.label_en AS label_en, m.definition AS definition,
       m.alt_labels AS alt_labels, m.core AS core, m.category AS category,
       collect(c.id) AS clauses
ORDER BY id
