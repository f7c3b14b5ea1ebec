// set_document_versions: record which plans a later version supersedes (null = current)
// mode: write
// params: $rows (list of {id, superseded_by})
// returns: -
UNWIND $rows AS row
MATCH (d:Document {id: row.id})
SET d.superseded_by = row.superseded_by
