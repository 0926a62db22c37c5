"""Proper names (model/names.py): what counts as a name, masking, and the Title Case guard."""
from model.names import NAME_TOKEN, find_names, is_known_word, mask_names


def test_invented_company_and_product_names_are_names():
    text = "Thanks again for your interest in Vyomtech and the DriveWorks platform."
    spans, _ = find_names(text)
    assert [text[a:b] for a, b in spans] == ["Vyomtech", "DriveWorks"]
    assert mask_names(text) == f"Thanks again for your interest in {NAME_TOKEN} and the {NAME_TOKEN} platform."


def test_ordinary_words_are_not_names_even_capitalised():
    for word in ("Careful", "Consideration", "Candidates", "We've", "Recruiting", "Monday", "I'd"):
        assert is_known_word(word), word
    spans, capitalised = find_names("Please keep checking our Careers Page for other roles.")
    assert spans == [] and capitalised == 2


def test_title_case_and_shouting_do_not_make_a_template_look_specific():
    assert find_names("After Careful Consideration, We Have Decided To Move Forward With Other Candidates.") == ([], 0)
    assert find_names("YOUR APPLICATION STATUS HAS CHANGED") == ([], 0)
    spans, _ = find_names("Your Application For Software Engineer At Zentrixa")  # the unknown word still counts
    assert len(spans) == 1


def test_a_run_of_names_is_masked_once_and_acronyms_are_kept():
    # the unknown run becomes one token; a known word after it ("Partners") stays
    assert mask_names("We enjoyed meeting you at Halvorsen Brekke Partners.") == f"We enjoyed meeting you at {NAME_TOKEN} Partners."
    assert mask_names("Your SQL and AWS answers were strong.") == "Your SQL and AWS answers were strong."


def test_sentence_start_words_count_only_when_unknown():
    spans, capitalised = find_names("Unfortunately, the role has been filled.")
    assert spans == [] and capitalised == 0
    spans, _ = find_names("Zentrixa has moved to the next step in its hiring process.")
    assert len(spans) == 1


def test_in_text_typed_all_in_lower_case_unknown_words_are_names():
    # no capitals to go by: the company and the tool still count as names
    text = "thanks for coming in to see us at zentrixa and walking through your dbt models"
    spans, capitalised = find_names(text)
    assert [text[a:b] for a, b in spans] == ["zentrixa", "dbt"] and capitalised == 0
    # ordinary lower-case prose has no names, and a short fragment is left alone
    assert find_names("we have decided not to move forward with your application") == ([], 0)
    # inflected and contracted forms are words, not names (their masking would hide a negation)
    assert find_names("we didn't think you were ready and went with someone who told us more") == ([], 0)
    assert find_names("thanks zentrixa") == ([], 0)


def test_a_long_run_of_newlines_before_a_word_is_read_in_linear_time():
    """Whether a capitalised word follows a break read the whitespace after every newline to the end again
    (quadratic per word: seconds on 100,000 newlines); the whitespace after a break is bounded (40)."""
    from conftest import finishes_within
    from model.names import _AFTER_BREAK

    with finishes_within(5, "looking for a break before a word"):  # a hang guard, not a timing
        assert _AFTER_BREAK.search("Hi" + "\n" * 100_000 + "x") is None
    assert _AFTER_BREAK.search("Thanks for your time.\n\n") and _AFTER_BREAK.search("(  ")
    assert _AFTER_BREAK.search("we met with") is None
