// merge_mentions: measures found in units, one relationship per (unit, measure)
// mode: write
// params: $rows (list of {unit_id, measure_id, adoption, reason, evidence, sentence, evidences, sentences})
// returns: -
UNWIND $rows AS row
MATCH (u:Unit {id: row.unit_id})
MATCH (m:Measure {id: row.measure_id})
MERGE (u)-[r:MENTIONS]->(m)
SET r.adoption = row.adoption, r.reason = row.reason, r.evidence = row.evidence,
    r.sentence = row.sentence, r.evidences = row.evidences, r.sentences = row.sentences
