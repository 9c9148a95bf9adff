"""ixtag's tagger: announcement text -> facts -> Inline XBRL report package; validation; CLI."""
