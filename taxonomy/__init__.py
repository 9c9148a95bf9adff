"""ixtag's concept taxonomy: the concept map (data + models) and the builder of XBRL
taxonomy packages (IFRS offline package, ixtag base package)."""
