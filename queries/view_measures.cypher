// view_measures: measures with their category and the outline clauses they serve
// mode: read
// params: $measure_ids (list of ids, or null for every measure)
// returns: id, label_zh, label_en, definition, core, category_id, category_zh, category_en, clauses
MATCH (m:Measure)
WHERE $measure_ids IS NULL OR m.id IN $measure_ids
OPTIONAL MATCH (m)-[:BROADER]->(c:Category)
OPTIONAL MATCH (m)-[:SERVES]->(cl:Clause)
WITH m, c, cl ORDER BY cl.id
RETURN m.id AS id, m.label_zh AS label_zh, m.label_en AS label_en, m.definition AS definition,
       m.core AS core,
       c.id AS category_id, c.label_zh AS category_zh, c.label_en AS category_en,
       collect(CASE WHEN cl IS NULL THEN NULL ELSE
         {id: cl.id, title: cl.title, chapter: cl.chapter} END) AS clauses
ORDER BY id
