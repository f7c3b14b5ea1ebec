// get_server_components: name, versions and edition of the server (Neo4j only)
// mode: read
// params: -
// returns: name, versions, edition
CALL dbms.components() YIELD name, versions, edition
RETURN name, versions, edition
