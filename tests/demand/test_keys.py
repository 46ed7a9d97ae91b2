from demand.keys import question_key


def test_the_same_question_typed_differently_has_one_key():
    assert (
        question_key("Délai livraison ?")
        == question_key("delai de livraison")
        == question_key("Délais de LIVRAISON")
        == question_key("livraison : quel délai ?")
        == "delai livraison"
    )


def test_question_words_and_punctuation_go():
    assert question_key("Comment poser un portail coulissant ?") == (
        "coulissant portail poser"
    )
    assert question_key("?!") == ""
    assert question_key("") == ""


def test_different_questions_keep_different_keys():
    assert question_key("hauteur clôture") != question_key("hauteur portail")
    assert question_key("poteau 80 cm") != question_key("poteau 60 cm")
