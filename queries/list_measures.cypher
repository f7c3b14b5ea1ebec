// list_measures: the measures of the ontology with their category and the clauses they serve
// mode: read
// params: -
// returns: id, label_zh, label_en, definition, alt_labels, core, category, clauses
MATCH (m:Measure)
OPTIONAL MATCH (m)-[:BROADER]->(cat:Category)
OPTIONAL MATCH (m)-[:SERVES]->(c:Clause)
WITH m, cat, c ORDER BY c.id
RETURN m.id AS id, m.label_zh AS label_zh, m.label_en AS label_en,
       m.definition AS definition, m.alt_labels AS alt_labels, m.core AS core,
       coalesce(cat.id, m.category) AS category, collect(DISTINCT c.id) AS clauses
ORDER BY id
