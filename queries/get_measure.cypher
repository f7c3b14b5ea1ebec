// get_measure: one measure with its category and the clauses it serves
// mode: read
// params: $measure_id
// returns: id, label_zh, label_en, definition, alt_labels, core, category, clauses
MATCH (m:Measure {id: $measure_id})
OPTIONAL MATCH (m)-[:BROADER]->(cat:Category)
OPTIONAL MATCH (m)-[:SERVES]->(c:Clause)
WITH m, cat, c ORDER BY c.id
RETURN m.id AS id, m.label_zh AS label_zh, m.label_en AS label_en,
       m.definition AS definition, m.alt_labels AS alt_labels, m.core AS core,
       CASE WHEN cat IS NULL THEN NULL ELSE
         {id: cat.id, label_zh: cat.label_zh, label_en: cat.label_en} END AS category,
       collect(DISTINCT CASE WHEN c IS NULL THEN NULL ELSE {id: c.id, title: c.title} END) AS clauses
