// list_indexes: the indexes present on the server
// mode: read
// params: -
// returns: name, type, labelsOrTypes, properties, state
SHOW INDEXES YIELD name, type, labelsOrTypes, properties, state
RETURN name, type, labelsOrTypes, properties, state
