// list_constraints: the constraints present on the server
// mode: read
// params: -
// returns: name, type, labelsOrTypes, properties
SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties
RETURN name, type, labelsOrTypes, properties
