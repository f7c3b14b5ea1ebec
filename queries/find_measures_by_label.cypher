// find_measures_by_label: measures whose id or labels contain a lower-cased, simplified text
// mode: read
// params: $text
// returns: id, labels_search
MATCH (m:Measure)
WHERE m.labels_search CONTAINS $text
RETURN m.id AS id, m.labels_search AS labels_search
ORDER BY id
