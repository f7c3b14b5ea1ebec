// list_categories: the measure categories (top concepts of the ontology)
// mode: read
// params: -
// returns: id, label_zh, label_en
MATCH (c:Category)
RETURN c.id AS id, c.label_zh AS label_zh, c.label_en AS label_en
ORDER BY id
