// export_units: every unit with its path, agencies, measures (with evidence) and ranked clauses
// mode: read
// params: -
// returns: id, document_id, jurisdiction_id, parent_id, order, kind, marker, path, heading, text, text_original, agencies, measures, clauses
MATCH (j:Jurisdiction)-[:ISSUED]->(d:Document)-[:HAS_UNIT]->(u:Unit)
OPTIONAL MATCH (u)-[m:MENTIONS]->(me:Measure)
WITH j, d, u, collect(CASE WHEN me IS NULL THEN NULL ELSE
  {id: me.id, evidence: m.evidence, sentence: m.sentence, adoption: m.adoption, reason: m.reason} END) AS measures
OPTIONAL MATCH (u)-[i:IMPLEMENTS]->(c:Clause)
WITH j, d, u, measures, i, c ORDER BY i.rank
WITH j, d, u, measures, collect(CASE WHEN c IS NULL THEN NULL ELSE
  {id: c.id, score: i.score, rank: i.rank, method: i.method, evidence: i.evidence} END) AS clauses
RETURN u.id AS id, d.id AS document_id, j.id AS jurisdiction_id, u.parent_id AS parent_id,
       u.order AS order, u.kind AS kind, u.marker AS marker, u.path AS path, u.heading AS heading,
       u.text AS text, u.text_original AS text_original, u.agencies AS agencies,
       measures, clauses
ORDER BY document_id, order
