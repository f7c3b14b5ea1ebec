// list_document_units: a plan's units in order, each with its measures and clause links
// mode: read
// params: $document_id
// returns: id, parent_id, order, depth, kind, marker, path, heading, text, agencies, measures, clauses
MATCH (d:Document {id: $document_id})-[:HAS_UNIT]->(u:Unit)
OPTIONAL MATCH (u)-[m:MENTIONS]->(me:Measure)
WITH u, m, me ORDER BY me.id
WITH u, collect(CASE WHEN me IS NULL THEN NULL ELSE
  {id: me.id, adoption: m.adoption, reason: m.reason, evidence: m.evidence, sentence: m.sentence} END) AS measures
OPTIONAL MATCH (u)-[i:IMPLEMENTS]->(c:Clause)
WITH u, measures, i, c ORDER BY i.rank
WITH u, measures, collect(CASE WHEN c IS NULL THEN NULL ELSE
  {id: c.id, score: i.score, rank: i.rank} END) AS clauses
OPTIONAL MATCH (u)-[:PART_OF]->(p:Unit)
RETURN u.id AS id, coalesce(p.id, u.parent_id) AS parent_id, u.order AS order, u.depth AS depth,
       u.kind AS kind, u.marker AS marker, u.path AS path, u.heading AS heading, u.text AS text,
       u.agencies AS agencies, measures, clauses
ORDER BY order
