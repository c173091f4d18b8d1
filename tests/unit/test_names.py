def test_ligatures_fold_to_their_letters():
    """'Dubœuf' is 'duboeuf' (a file name, a match), not 'dubuf'."""
    from esante_cli.names import fold, slugify

    assert slugify("Léa Dubœuf") == "lea-duboeuf"
    assert fold("Cæsar Straße") == "caesar strasse"
