"""Input preparation: bad input gets a clear error or warning, never a crash."""
import pytest

from model.errors import InputError, TextTooLongError
from model.text import MAX_CHARS, html_to_text, prepare


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t"])
def test_empty_text_is_a_clear_error(text):
    with pytest.raises(InputError, match="empty"):
        prepare(text)


def test_huge_text_is_a_clear_error():
    with pytest.raises(TextTooLongError, match="limit"):
        prepare("word " * 10_000)


def test_binary_junk_is_rejected():
    with pytest.raises(InputError, match="binary"):
        prepare("\x00\x01\x02\x03garbage\x04\x05\x06\x07" * 10)
    with pytest.raises(InputError, match="UTF-8"):
        prepare(b"\xff\xfe\x00\x81\x82")


def test_non_text_type_is_rejected():
    with pytest.raises(InputError):
        prepare(12345)


def test_non_english_gets_a_warning():
    p = prepare("Sehr geehrte Frau Müller, leider müssen wir Ihnen mitteilen, dass wir uns für "
                "einen anderen Bewerber entschieden haben. Mit freundlichen Grüßen")
    assert any("English" in w for w in p.warnings)
    p = prepare("Thank you for applying. We have decided not to move forward with your application.")
    assert not p.warnings
    # terse English with hardly a function word is English all the same; French and Spanish are not
    p = prepare("Rejected: too old. Skills: Python, SQL, AWS, Docker, Kubernetes. Experience: seven years.")
    assert p.english and not any("English" in w for w in p.warnings)
    for other in ("Bonjour Sam, merci pour votre candidature. Malheureusement nous avons retenu un autre profil.",
                  "Hola Sam, gracias por tu interés. Lamentablemente hemos decidido seguir con otros candidatos."):
        assert not prepare(other).english


@pytest.mark.parametrize("text, warned", [
    # other scripts: the letter-share check, which a bound from the ASCII words may skip only
    # when no mix of the non-ASCII characters could bring the Latin share below 0.7
    ("Hi Sam, " + "Спасибо за ваш интерес к вакансии, но мы выбрали другого кандидата. " * 3, True),
    ("Dear Ms Rao, thank you. " + "धन्यवाद, हमने किसी और को चुना है। " * 4, True),
    ("非常感谢您的申请，但我们决定选择其他候选人。谢谢您。祝您一切顺利。", True),
    # English with curly quotes, dashes, accents and currency signs
    ("We’re grateful — truly — for your time on the café project; the £40k budget wasn’t the issue. "
     "Thank you for applying to the “Senior Analyst” role.", False),
    ("Thanks, Zoë. We have decided not to move forward; I’m sorry. — José", False),
])
def test_english_check_on_mixed_scripts(text, warned):
    assert any("English" in w for w in prepare(text).warnings) is warned


def test_quoted_reply_chain_is_ignored_with_a_warning():
    text = ("Hi Sam,\n\nThanks for checking in. We have decided not to move forward.\n\nBest,\nAna\n\n"
            "On Tue, 4 Mar 2025 at 09:12, Sam <sam@example.com> wrote:\n> Any update on my application?\n> Thanks")
    p = prepare(text)
    assert "Any update" not in p.plain
    assert any("quoted reply" in w for w in p.warnings)


def test_outlook_style_quote_is_cut():
    text = "We won't be moving forward.\n\n-----Original Message-----\nFrom: Sam\nSent: Monday\nHello?"
    assert "Hello?" not in prepare(text).plain


def test_html_is_converted_and_offsets_map_back():
    html = ("<html><body><p>Hi Sam,</p><p>Thank you for the take-home &amp; the call.</p>"
            "<ul><li>Strong SQL</li><li>Needs Kafka</li></ul><script>x=1</script></body></html>")
    p = prepare(html)
    assert p.is_html and any("HTML" in w for w in p.warnings)
    assert "Thank you for the take-home & the call." in p.plain
    assert "x=1" not in p.plain
    i = p.plain.index("Thank you")
    s, e = p.to_original(i, i + len("Thank you"))
    assert html[s:e] == "Thank you"
    j = p.plain.index("Strong SQL")
    s, e = p.to_original(j, j + len("Strong SQL"))
    assert html[s:e] == "Strong SQL"


def test_to_plain_is_the_inverse_of_to_original():
    html = "<p>Thank you for the take-home &amp; the call.</p><p>Strong <b>SQL</b>, but no Kafka.</p>"
    p = prepare(html)
    for phrase in ("Thank you", "take-home & the", "Strong SQL, but", "Kafka."):
        i = p.plain.index(phrase)
        start, end = p.to_original(i, i + len(phrase))
        assert p.to_plain(start, end) == (i, i + len(phrase))
    # a range of markup alone holds no text: empty, where the text resumes
    tag = html.index("<b>")
    a, b = p.to_plain(tag, tag + 3)
    assert a == b and p.plain[a:].startswith("SQL")
    plain = prepare("Thanks for your time.")
    assert plain.to_plain(3, 9) == (3, 9)


def test_html_to_text_keeps_entities_mapped():
    text, offsets = html_to_text("<p>A&nbsp;&amp;&#39;B</p>")
    assert text.strip() == "A &'B"
    assert len(offsets) == len(text)


def test_email_header_lines_on_top_are_ignored_with_a_warning():
    body = "Dear Jordan,\n\nThank you for applying. We will not be progressing your application.\n\nKind regards,\nAna"
    text = "Subject: Your application (Ref 22-417)\nFrom: Careers <no-reply@example.com>\nTo: jordan@example.org\n\n" + body
    p = prepare(text)
    assert len(p.plain) == len(text)  # blanked, not cut: offsets into the text stay as given
    assert p.plain.strip() == body
    assert any("header" in w for w in p.warnings)
    assert not any("quoted reply" in w for w in p.warnings)
    # only at the very top, and never the whole text
    assert prepare("Dear Jordan,\nTo: the point, we chose someone else.").plain.startswith("Dear Jordan")
    assert prepare("Subject: hello there, how are you").plain == "Subject: hello there, how are you"


BODY = ("Dear Anjali,\n\nThank you for applying for the Payroll Officer post. You have not been shortlisted.\n\n"
        "Please do not reply to this email as this mailbox is not monitored.\n\nYours sincerely,\nHR Team")


@pytest.mark.parametrize("furniture", [
    "Sent from my iPhone",
    "Get Outlook for Android",
    "This email and any attachments are confidential and intended solely for the addressee. If you have "
    "received it in error, please notify the sender.",
    "DISCLAIMER: The views expressed in this email are those of the author and not of the company.\n"
    "Acme Ltd is registered in England and Wales, company number 01234567.",
    "Please consider the environment before printing this e-mail.",
    "Powered by Teamtailor",
    "You received this e-mail because you applied on our careers site. Unsubscribe | Privacy",
])
def test_email_furniture_after_the_sign_off_is_ignored_with_a_warning(furniture):
    text = BODY + "\n\n" + furniture
    p = prepare(text)
    assert len(p.plain) == len(text)  # blanked, not cut: offsets stay as given
    assert p.plain.rstrip() == BODY  # the sender's own "do not reply" line is part of the message
    assert any("furniture" in w for w in p.warnings)


def test_external_sender_banner_on_top_is_ignored():
    text = ("CAUTION: This email originated from outside of the organisation. Do not click links.\n\n" + BODY)
    p = prepare(text)
    assert p.plain.strip() == BODY
    text = "[EXTERNAL]\n" + BODY
    assert prepare(text).plain.strip() == BODY


def test_furniture_words_in_the_message_itself_are_kept():
    for text in (BODY, "Your interview notes stay confidential. We sent from our London office a pack about "
                       "the role; it was intended for the whole panel.",
                 BODY + "\n\nYou can unsubscribe from our talent pool by replying to this e-mail."):
        p = prepare(text)
        assert p.plain == text and not any("furniture" in w for w in p.warnings)
    p = prepare("Sent from my iPhone")  # nothing else to check: checked as it is, with a warning
    assert p.plain == "Sent from my iPhone" and any("furniture only" in w for w in p.warnings)


def test_a_notice_run_on_after_body_text_keeps_the_body():
    text = ("Dear Li,\n\nWe chose another candidate with Kafka experience and wish you well. This message is "
            "confidential and intended only for the recipient.")
    p = prepare(text)
    assert "Kafka experience and wish you well." in p.plain
    assert "confidential" not in p.plain


def test_a_webmail_header_copied_from_the_browser_is_ignored():
    body = "Hi Sam,\n\nThank you for applying. We have decided to move forward with other candidates.\n\nBest,\nAna"
    for head in ("Acme Careers <no-reply@acme-careers.example>\nTue, Mar 4, 10:12 AM (2 days ago)\nto me\n\n",
                 "Your application to Acme\nInbox\n\nAcme Careers <jobs@acme.example>\n4 Mar 2025, 10.12\nto Sam, Li\n"):
        p = prepare(head + body)
        assert len(p.plain) == len(head + body) and p.plain.strip() == body
        assert any("header" in w for w in p.warnings)
    # an address in the body is not a header
    text = "Hi Sam,\nWrite to Ana <ana@acme.example> at 10:30\nto arrange feedback."
    assert prepare(text).plain == text


def test_a_lone_surrogate_is_a_clear_input_error():
    # what a wrongly decoded e-mail or a broken JSON client can hand over; the encoder cannot take it
    for text in ("Hi \ud800 Sam. We decided not to proceed.", "Thanks for your time.\udfff"):
        with pytest.raises(InputError, match="not valid Unicode"):
            prepare(text)


def test_text_without_words_is_a_clear_input_error():
    for text in ("\U0001f44d\U0001f44d", "... !!! ???", "12345", "- - -"):
        with pytest.raises(InputError, match="no words"):
            prepare(text)
    assert prepare("Noted.").plain == "Noted."


def test_an_html_sentence_ending_in_an_entity_maps_to_the_whole_entity():
    for text, tail in (("<p>Hi Sam</p><p>Sorry &#8212;</p>", "&#8212;"),
                       ("<p>Thanks &amp; regards &mdash;</p>", "&mdash;"),
                       ("<p>Thanks &amp regards &hellip</p>", "&hellip"),  # no semicolon
                       ("<p>See you &#x2014;</p>", "&#x2014;")):
        p = prepare(text)
        body = p.plain.rstrip()
        start, end = p.to_original(body.rfind(" ") + 1, len(body))
        assert text[start:end] == tail
    p = prepare("<p>Q&amp;A went well</p><p>Thanks</p>")  # an entity inside a span changes nothing
    start, end = p.to_original(0, p.plain.index(" went"))
    assert p.plain[:p.plain.index(" went")] == "Q&A" and "<p>Q&amp;A went well</p>"[start:end] == "Q&amp;A"


def test_an_html_body_is_measured_by_its_text():
    styled = ("<html><head><style>" + "p.x{color:#333;margin:0}" * 1500 + "</style></head><body>"
              "<p>Hi Sam,</p><p>We decided not to go ahead with your application.</p></body></html>")
    assert len(styled) > MAX_CHARS
    assert "We decided" in prepare(styled).plain
    with pytest.raises(TextTooLongError, match="text of the HTML body"):
        prepare("<p>" + "We decided not to proceed. " * 1000 + "</p><p>Thanks</p>")
    with pytest.raises(TextTooLongError, match="HTML body is"):
        prepare("<p>x</p>" + "<br>" * (3 * MAX_CHARS))


def test_one_paragraph_of_html_with_a_quote_is_read_as_html():
    p = prepare("<p>Hi Sam, we decided not to move forward.</p><blockquote>On Mon, Ann wrote:"
                "<blockquote>Any news on my application?</blockquote></blockquote>")
    assert p.is_html and "<" not in p.plain and "Any news" not in p.plain


def test_header_lines_alone_and_replacement_characters_are_named_in_warnings():
    assert any("header lines only" in w for w in prepare("Subject: Your application\nFrom: hr@example.com\n").warnings)
    warnings = prepare("Hi Ren\ufffd, thank you for applying. We will not be taking your application further.").warnings
    assert any("replacement characters" in w for w in warnings)


def test_one_stray_control_character_in_a_short_text_is_a_warning_not_binary():
    for text in ("<p>Hi\x07 Sam</p><p>We decided not to proceed.</p>", "Weak on SQL\x00 joins."):
        assert any("Control characters" in w for w in prepare(text).warnings)
    for text in ("\x00\x01", "ab\x00\x01\x02\x03" * 3):
        with pytest.raises(InputError, match="binary"):
            prepare(text)


def test_quoted_replies_without_an_attribution_line_are_cut():
    for text in ('<div>Hi Sam,</div><div>The role is filled.</div><div>Best, Ana</div>'
                 '<blockquote class="gmail_quote">Hi Ana, any update on my application?</blockquote>',
                 '<p>Hi Sam,</p><p>The role is filled.</p><blockquote type="cite">Any news?</blockquote>',
                 "Hi Sam,\n\nThe role is filled.\n\nBest,\nAna\n\n> Any update on my application?",
                 "Hi Sam,\n\nThe role is filled.\n\nBest,\nAna\n\n---------- Forwarded message ---------\nFrom: Ana"):
        p = prepare(text)
        assert "The role is filled." in p.plain and "Any" not in p.plain and "From: Ana" not in p.plain
        assert any("quoted reply" in w for w in p.warnings)
    # a blockquote that is not a mail client's reply quote is part of the message
    assert "the brief" in prepare("<p>Hi Sam,</p><blockquote>the brief</blockquote><p>Thanks</p>").plain
    assert "because" in prepare('<p>Hi Sam,</p><blockquote class="pullquote">Our values</blockquote>'
                                "<p>We decided not to move forward, because the role needs Go.</p>").plain


def test_zero_width_characters_are_read_as_spaces():
    from model.segment import segment

    text = "\ufeffHi Sam,\n\nWe enjoyed meeting you.\u200bUnfortunately we chose another candidate.\n\u200b\nBest,\nAna"
    p = prepare(text)
    assert len(p.plain) == len(text)  # offsets into the text as given are unchanged
    assert [text[s.start:s.end] for s in segment(p.plain)] == [
        "Hi Sam,", "We enjoyed meeting you.", "Unfortunately we chose another candidate.", "Best,\nAna"]


@pytest.mark.parametrize("text", [
    "We were impr\u200besse\u200bd by your background. We decided not to move forward.",
    "We were impr\u00adessed by your back\u00adground. We decided not to move forward.",
    "<p>We were impr&shy;essed by your background.</p><p>We decided not to move forward.</p>",
])
def test_invisible_characters_inside_a_word_do_not_hide_it(checker, fast, text):
    # text pasted from Word or Outlook: a zero-width space or a soft hyphen inside a word is read
    # as the word, by both profiles; offsets still point into the text as given
    clean = "We were impressed by your background. We decided not to move forward."
    assert prepare(text).plain.strip() == clean or "<p>" in text
    for model in (checker, fast):
        got, want = model.check(text).to_dict(), model.check(clean).to_dict()
        assert [(s["kind"], s["boilerplate"], s["tone"]) for s in got["sentences"]] == \
               [(s["kind"], s["boilerplate"], s["tone"]) for s in want["sentences"]]
        assert sorted(f["rule"] for f in got["findings"]) == sorted(f["rule"] for f in want["findings"])
        if "<p>" not in text:
            assert all(text[s["start"]:s["end"]] == s["text"] for s in got["sentences"])
            assert got["sentences"][0]["text"].startswith("We were impr") and got["sentences"][1]["start"] >= 40


def test_dropped_invisibles_do_not_move_the_html_quote_cut(checker):
    # the HTML parser's quote start is remapped after soft hyphens are dropped: nothing of the
    # candidate's quoted words is checked, and the end of the check lies before the quote
    text = ('<div>We were impr&shy;essed by your port&shy;fol&shy;io. Un&shy;for&shy;tu&shy;nately we chose '
            'some&shy;one else.</div><blockquote class="gmail_quote">I am a great fit for this role.</blockquote>')
    report = checker.check(text)
    assert [s.text for s in report.sentences][-1].endswith("one else.")
    assert all(s.end <= text.index("<blockquote") for s in report.sentences)
    prepared = prepare(text)
    end = prepared.to_original(len(prepared.plain), len(prepared.plain))[0]
    assert end <= text.index("<blockquote")


def test_the_end_of_a_checked_text_lies_before_its_cut_quoted_reply():
    text = ("Hi Sam,\n\nWe were impr\u200bessed by your work. We chose someone else.\n\n"
            "On Mon, Jan 5, 2026 at 10:00 AM Sam <sam@x.com> wrote:\n> Any news on my application?\n")
    prepared = prepare(text)
    assert prepared.to_original(len(prepared.plain), len(prepared.plain))[0] <= text.index("On Mon")


def test_english_mixed_with_another_language_gets_a_warning_but_is_checked():
    from model import Checker
    from model.text import PARTLY_NOT_ENGLISH, prepare

    mixed = ("Hi Rahul, aapka interview accha tha but we are not moving ahead with your profile for SDE-2. System "
             "design mein thoda aur depth chahiye tha, especially caching aur sharding pe. 6 mahine baad phir se apply "
             "karna. Thanks, Neha")
    p = prepare(mixed)
    assert PARTLY_NOT_ENGLISH in p.warnings and p.english
    # English with jargon, typos and names is English
    for text in ("hey priya! ur take-home was solid but the infra bits (terraform, k8s, argocd) were thin, and "
                 "the postgres migration didnt roll back. ping me if u want to go thru it. cheers, dougie",
                 "Dear Mr. Okonkwo, thank you for attending the interview for the Junior Commis Chef post at "
                 "Fennel & Fig. We have decided not to take your application further. Regards, Jus"):
        assert PARTLY_NOT_ENGLISH not in prepare(text).warnings, text
    assert PARTLY_NOT_ENGLISH in Checker.load(profile="fast").check(mixed).warnings


def test_a_quoted_reply_chain_alone_over_the_limit_is_cut_off_not_refused(checker):
    reply = "Hi Sam,\n\nUnfortunately we will not be moving forward with your application.\n\nBest,\nAna\n\n"
    text = reply + "On Mon, 3 Mar 2025 at 10:00, Sam <sam@x.com> wrote:\n" + "> Thanks, I look forward to it.\n" * 800
    assert len(text) > 20_000
    report = checker.check(text)
    assert any("quoted reply" in w and "cut off" in w for w in report.warnings)
    assert report.sentences and all(s.end <= len(reply) and text[s.start:s.end] == s.text for s in report.sentences)
    with pytest.raises(TextTooLongError):  # a long message is still too long
        checker.check("We will not move forward. " * 1000)


def test_folded_patterns_test_what_the_case_insensitive_ones_test():
    """`folded(p).search(s.lower())` stands in for `re.search(p, s, re.I)` in the structure checks: the
    literals are lower-cased (the "I" in "so I am"), never an escape ("\\S", "\\W", "\\B")."""
    import json
    import re

    import yaml

    from model.paths import data_path
    from model.text import folded

    patterns = [r"\bso (?:we|I)\b", r"\S+ (?:Are) \W\B", r"[A-Z]{2,}\d", r"(?<!\bRe): (?:The|We)\b"]
    rules = yaml.safe_load((data_path("rules") / "structure.yaml").read_text(encoding="utf-8"))
    for rule in rules if isinstance(rules, list) else rules["rules"]:
        patterns += [v for v in (rule.get("params") or {}).values() if isinstance(v, str) and "\\b" in v]
    texts = ["So I am sure.", "OK, SO I AM", "ab ARE ,", "XYZ9", "Re: The job", "Note: We need SQL",
             "İstanbul: We decided", "The reason is that ANOTHER CANDIDATE had more React.", "so i"]
    with open(data_path("corpus.jsonl"), encoding="utf-8") as fh:
        texts += [json.loads(line)["text"] for _, line in zip(range(300), fh)]
    for p in patterns:
        fast, slow = folded(p), re.compile(p, re.I)
        for t in texts:
            assert bool(fast.search(t.lower())) == bool(slow.search(t)), (p[:60], t[:80])
    with pytest.raises(ValueError):
        folded(r"\x41BC")  # an escaped capital would no longer match lower-cased text


def test_hidden_html_text_is_left_out_with_a_warning():
    """An inbox preview line (a preheader styled display:none, or max-height:0 with overflow:hidden) and
    text shrunk to nothing are never seen by the candidate in the message: not checked, but said so."""
    preheaders = (
        '<div style="display:none;font-size:1px;color:#fff;max-height:0;opacity:0;overflow:hidden;mso-hide:all">'
        "An update about the Field Engineer vacancy</div>",
        '<span style="overflow: hidden; max-height: 0px; color: transparent">Status update: your application'
        "</span>",
        '<div hidden><p>Status <b>update</b></p><p>for Lagos</p></div>',
    )
    for preheader in preheaders:
        html = (f"<html><body>{preheader}<p>Dear Chidi,</p><p>Thank you for the site visit. "
                '<span style="font-size:0px">xx</span>We have offered the post to another engineer.</p>'
                '<p aria-hidden="true">Kind regards, Ngozi</p></body></html>')
        p = prepare(html)
        assert "update" not in p.plain.lower() and "xx" not in p.plain, preheader
        assert "Kind regards, Ngozi" in p.plain  # aria-hidden: only screen readers skip it
        assert any("Hidden HTML text" in w for w in p.warnings)
        i = p.plain.index("We have offered")
        s, e = p.to_original(i, i + len("We have offered"))
        assert html[s:e] == "We have offered"
    # a style that merely mentions a zero (a line height, a margin) hides nothing
    shown = prepare('<p style="line-height:0;margin:0;height:0">Dear Chidi, we have offered the post to '
                    "another engineer.</p><p>Best, Ngozi</p>")
    assert "offered the post" in shown.plain and not any("Hidden" in w for w in shown.warnings)
    with pytest.raises(InputError, match="only text is hidden"):
        prepare('<html><body><div style="display: none !important">Thank you for applying.</div></body></html>')


@pytest.mark.parametrize("text, english", [
    # a short note in another language: too few words for the share of English function words to tell
    ("Hallo Jens, leider nein. Grüße, Anke", False),
    ("Gracias por tu tiempo, pero no.", False),
    ("Bonjour, malheureusement non. Cordialement", False),
    ("Purtroppo no. Saluti, Marco", False),
    # short English, slang, names and a foreign greeting in English stay English
    ("Lol nope sry", True),
    ("Nope, Priya. Filled.", True),
    ("Hola Priya, sorry, the role is filled.", True),
    ("Merci Anaïs, but no.", True),
    ("Ramesh Iyer Kumar", True),
])
def test_short_notes_in_another_language_are_not_english(text, english):
    assert prepare(text).english is english


@pytest.mark.parametrize("html", [
    '<p style="display:none">An update on your application<p>Dear Sam,<p>We have offered the post to another '
    "engineer.<p>Best, Dana",
    '<div><span style="display:none">An update on your application</div><p>Dear Sam,</p><p>We have offered the post '
    "to another engineer.</p>",
    '<table><tr><td style="display:none">An update on your application<td>Dear Sam, we have offered the post to '
    "another engineer.</table>",
])
def test_hidden_html_text_ends_where_a_browser_ends_its_element(html):
    """A hidden element left without its end tag ends where a browser ends it (the next <p>, <td> or <li>, or
    the end of the element around it): the text after it is the message, not hidden too."""
    p = prepare(html)
    assert "update" not in p.plain and "we have offered the post to another engineer." in p.plain.lower(), p.plain
    assert any("Hidden HTML text" in w for w in p.warnings)


def test_a_hidden_list_item_leaves_no_bullet():
    """A hidden list item is left out with its bullet: not an empty item "-" before the ones a reader sees."""
    p = prepare('<ul><li style="display:none">Preview line</li><li>Dear Sam, we have offered the post to another '
                "engineer.</li></ul>")
    assert p.plain.strip() == "- Dear Sam, we have offered the post to another engineer.", p.plain


def test_one_hidden_character_is_one_character():
    """The hidden-text warning counts as English does: '1 character', not '1 characters'."""
    p = prepare('<p><span style="display:none">x</span>Dear Sam, we have offered the post to another engineer.</p>')
    assert any(w.startswith("Hidden HTML text (1 character:") for w in p.warnings), p.warnings


@pytest.mark.parametrize("text", ["Dear Mit Patel, candidature closed.", "Mit Patel: candidature rejected."])
def test_a_short_english_note_with_a_name_or_word_shared_with_another_language_is_english(text):
    """"Mit" (a given name) and "candidature" (an English word: "your candidature for the post") are no sign of
    another language: a short note made of them is English."""
    assert prepare(text).english is True


@pytest.mark.parametrize("attribution", [
    "Le mer. 12 févr. 2025 à 16:40, Paul Girard <p.girard@example.fr> a écrit :",
    "Am Mi., 12. Feb. 2025 um 16:40 Uhr schrieb Paul Krämer <p.kraemer@example.de>:",
    "El mié, 12 feb 2025 a las 16:40, Pablo Ruiz (<p.ruiz@example.es>) escribió:",
])
def test_a_reply_attribution_line_in_another_language_starts_the_quoted_chain(attribution):
    """Gmail writes 'On … wrote:' in the sender's language: a French, German or Spanish attribution line starts
    the quoted chain too (it was read as the last sentence of the message)."""
    from model.text import find_quoted_reply

    text = (f"Hi Paul,\n\nWe have offered the role to someone with more SAP experience.\n\nBest,\nClaire\n\n"
            f"{attribution}\n> Hello, any news on my application?")
    at = find_quoted_reply(text)
    assert at is not None and text[at:].startswith(attribution[:6])


@pytest.mark.parametrize("line", [
    "Le jury a écrit :", "El comité escribió:", "Am Ende schrieb die Jury:", "Le 3 mars, le jury a écrit :",
    "Il comitato ha scritto:", "Op maandag schreef de jury:",
])
def test_a_draft_line_that_reads_like_a_foreign_attribution_does_not_start_a_quoted_chain(line):
    """A draft's own "Le jury a écrit :" (the panel wrote:) is no reply header: a mail client writes the date
    first and a clock time or an address, so the lines after it stay in the check (they were dropped as quoted)."""
    text = f"Hi Ana,\n\nThank you for the interviews.\n\n{line}\nYour portfolio is strong.\n\nBest,\nClaire"
    p = prepare(text)
    assert "portfolio is strong" in p.plain and not any("quoted reply" in w for w in p.warnings), p.warnings


@pytest.mark.parametrize("attribution", [
    "Le 03/03/2026 à 10:15, Ana a écrit :",
    "Le mardi 3 mars 2026, 10:15:00 UTC+1, Ana <a@b.com> a écrit :",
    "Am 03.03.2026 um 10:15 schrieb Ana:",
    "Il giorno mar 3 mar 2026 alle ore 10:15 Ana <a@b.com> ha scritto:",
    "Em terça-feira, 3 de março de 2026, Ana <a@b.com> escreveu:",
    "Op di 3 mrt 2026 om 10:15 schreef Ana <a@b.com>:",
])
def test_mail_client_attributions_with_a_date_still_start_the_quoted_chain(attribution):
    """Thunderbird, Apple Mail, Yahoo and Gmail attribution lines (a date, then a time or an address) still cut."""
    text = f"Hi Ana,\n\nWe have offered the role to someone else.\n\nBest,\nClaire\n\n{attribution}\n> Any news?"
    p = prepare(text)
    assert "Any news" not in p.plain and any("quoted reply" in w for w in p.warnings)


@pytest.mark.parametrize("line", [
    "On reflection, the panel wrote:", "On balance the interviewers wrote:", "On Monday, the panel wrote:",
    "On your take-home, the reviewer wrote:",
])
def test_an_english_draft_line_that_reads_like_an_attribution_does_not_start_a_quoted_chain(line):
    """A draft's own "On reflection, the panel wrote:" is no reply header: a mail client writes a date, a weekday,
    a clock time or an address after "On", so the lines after it stay in the check (they were dropped as quoted)."""
    text = f"Hi Ana,\n\nThank you for the interviews.\n\n{line}\nYour portfolio is strong.\n\nBest,\nClaire"
    p = prepare(text)
    assert "portfolio is strong" in p.plain and not any("quoted reply" in w for w in p.warnings), p.warnings


@pytest.mark.parametrize("attribution", [
    "On Tue, 3 Mar 2026 at 10:15, Ana <a@b.com> wrote:", "On 3/3/26, Ana wrote:", "On Mon, Ann wrote:",
    "On Tuesday, March 3, 2026 10:15 AM, Ana wrote:", "On 3 Mar 2026, at 10:15, Ana wrote:",
    "On 2026-03-03 10:15, Ana wrote:", "On Mon, Jan 5, 2026 at 10:00 AM Sam Lee <sam.lee@example.com>\nwrote:",
])
def test_english_mail_client_attributions_still_start_the_quoted_chain(attribution):
    """Gmail, Apple Mail, Outlook and Thunderbird attribution lines (a date, a weekday, a time or an address) cut."""
    text = f"Hi Ana,\n\nWe have offered the role to someone else.\n\nBest,\nClaire\n\n{attribution}\n> Any news?"
    p = prepare(text)
    assert "Any news" not in p.plain and any("quoted reply" in w for w in p.warnings)


@pytest.mark.parametrize("lines", [
    "From: our side, the panel liked your SQL work.\nTo: be clear, the gap was stakeholder reporting.",
    "From: what we saw, your portfolio is strong.\nDate: to be confirmed, but we will share more feedback.",
    "From: The panel's notes, you were clear.\nSent: to the team, the notes agree.",
])
def test_draft_lines_that_open_with_from_and_to_do_not_start_a_quoted_chain(lines):
    """Outlook's header block has an address or a name on its "From:" line, then a date on "Sent:" or a "Subject:"
    line; a draft's "From: our side, ...\\nTo: be clear, ..." has neither, so it stays in the check (it was cut)."""
    text = f"Hi Ana,\n\nThank you for the interviews.\n\n{lines}\nYour portfolio is strong.\n\nBest,\nClaire"
    p = prepare(text)
    assert "portfolio is strong" in p.plain and not any("quoted reply" in w for w in p.warnings), p.warnings


@pytest.mark.parametrize("block", [
    "From: Dana Lee <dana@example.org>\nSent: Tuesday, May 14, 2024 10:00 AM\nTo: Ana Sato\nSubject: Your application",
    "From: Lee, Dana\nTo: Ana Sato <ana@example.net>\nCc: hr@example.org\nSubject: RE: Your application",
    "Von: Dana Lee <dana@example.org>\nGesendet: Dienstag, 14. Mai 2024 10:00\nAn: Ana Sato\nBetreff: Ihre Bewerbung",
    "De : Dana Lee <dana@example.org>\nEnvoyé : mardi 14 mai 2024 10:00\nÀ : Ana Sato\nObjet : Votre candidature",
])
def test_outlook_header_blocks_start_the_quoted_chain(block):
    """A real Outlook header block, in English or the sender's language, still cuts the quoted message."""
    text = f"Hi Ana,\n\nWe have offered the role to someone else.\n\nBest,\nClaire\n\n{block}\n\nAny news?"
    p = prepare(text)
    assert "Any news" not in p.plain and any("quoted reply" in w for w in p.warnings)


@pytest.mark.parametrize("attribution", [
    "Le lun. 3 mars 2025, Marie Dupont a écrit :",
    "Le 03/03/2025, Marie Dupont a écrit :",
    "Am 03.03.2025 schrieb Jan Meyer:",
    "Am Mo., 3. März 2025 schrieb Jan Meyer:",
    "El lun, 3 mar 2025, Ana García escribió:",
    "Il giorno lun 3 mar 2025 Luca Rossi ha scritto:",
    "Em seg., 3 de mar. de 2025, Ana Souza escreveu:",
    "Op ma 3 mrt. 2025 schreef Jan de Vries:",
])
def test_a_foreign_attribution_with_a_dated_year_and_a_name_but_no_time_starts_the_quoted_chain(attribution):
    """A mail client that writes no clock time or address still writes the date with its year and the sender's
    name next to the verb: the line starts the quoted chain (it was checked as the draft's last sentence)."""
    text = f"Hi Ana,\n\nWe have offered the role to someone else.\n\nBest,\nClaire\n\n{attribution}\n> Any news?\n> A."
    p = prepare(text)
    assert p.plain.rstrip().endswith("Claire") and any("quoted reply" in w for w in p.warnings), p.plain


@pytest.mark.parametrize("line", [
    "Le 3 mars 2025, le jury a écrit :", "Le 3 mars, Marie a écrit :",
    "Am 3. März 2025 schrieb die Jury:", "Am Montag schrieb Jan:",
    "El 3 de marzo de 2025, el comité escribió:", "Il 3 marzo 2025 il comitato ha scritto:",
    "Em 3 de março de 2025, a equipa escreveu:", "Op 3 maart 2025 schreef de jury:",
    "Le 3 mars 2025, après l'entretien, Marie a écrit :",
])
def test_a_draft_line_with_a_date_but_no_name_or_no_year_does_not_start_a_quoted_chain(line):
    """A draft's own dated line ("Le 3 mars 2025, le jury a écrit :") names no sender next to the verb, and "Le 3
    mars, Marie a écrit :" has no year: neither is a mail client's attribution, so the draft below stays checked."""
    text = f"Hi Ana,\n\nThank you for the interviews.\n\n{line}\nYour portfolio is strong.\n\nBest,\nClaire"
    p = prepare(text)
    assert "portfolio is strong" in p.plain and not any("quoted reply" in w for w in p.warnings), p.warnings


@pytest.mark.parametrize("header", [
    "<div><b>From:</b> Sam Lee &lt;sam@mail.example&gt;</div><div><b>Sent:</b> Monday, March 3, 2025 10:12 AM</div>"
    "<div><b>To:</b> Claire Roy</div><div><b>Subject:</b> Application</div>",
    "<p><b>De :</b> Sam Lee</p><p><b>À :</b> Claire Roy</p><p><b>Objet :</b> candidature</p>",
])
def test_an_html_reply_header_block_with_each_field_in_its_own_block_starts_the_quoted_chain(header):
    """Outlook's header block above the quoted message, each field in a <div> or <p> of its own (a blank line between
    them in the text), cuts the chain as the same block with <br> does; the quoted message was checked as the
    reply's."""
    html = ("<div>Dear Sam,</div><div>We have offered the role to another candidate with more Kafka experience.</div>"
            f"<div>Best,<br>Claire</div><hr>{header}<div>Hello, any news on my application? Sam</div>")
    p = prepare(html)
    assert "any news" not in p.plain and "From:" not in p.plain and "Objet" not in p.plain, p.plain
    assert any("quoted reply" in w for w in p.warnings), p.warnings


@pytest.mark.parametrize("marker", [
    "---------- Weitergeleitete Nachricht ---------", "-------- Message transféré --------",
    "---------- Mensaje reenviado ---------", "-------- Forwarded Message --------",
])
def test_a_forward_line_in_the_senders_language_starts_the_forwarded_part(marker):
    """Gmail's and Thunderbird's forward line, in the sender's language or Thunderbird's capitals, ends the message
    as Gmail's English one does; it was checked as the message's last sentence."""
    text = (f"Hi Ana,\n\nWe have offered the role to someone else.\n\nBest,\nClaire\n\n{marker}\n"
            "Subject: Application\nDate: Mon, 3 Mar 2025\nFrom: Sam Lee\nTo: Ana\n\nHello Ana, thanks for applying.")
    p = prepare(text)
    assert p.plain.rstrip().endswith("Claire") and any("quoted reply" in w for w in p.warnings), p.plain


@pytest.mark.parametrize("attribution", [
    "Sam Lee <sam@mail.example> wrote:", "Sam Lee wrote:", "Sam Lee schrieb am 03.03.2025:",
    '"Sam Lee" <sam@mail.example> schrieb:', "Sam Lee a écrit :", "Sam Lee <sam@mail.example> escribió:",
])
def test_a_name_first_attribution_line_above_the_quoted_lines_is_cut_with_them(attribution):
    """A client that writes the name first ("Sam Lee <sam@x> wrote:") puts its line straight above the '>' lines:
    those were cut and the line was checked as the draft's last sentence."""
    for quoted in ("> Hi, any news?\n> Sam", "> Hi, any news?"):
        text = f"Dear Sam,\n\nWe have offered the role to someone else.\n\nBest,\nClaire\n\n{attribution}\n{quoted}\n"
        p = prepare(text)
        assert p.plain.rstrip().endswith("Claire") and any("quoted reply" in w for w in p.warnings), p.plain


def test_a_draft_line_ending_in_wrote_above_one_quoted_line_stays_checked():
    """'The panel wrote:' above one '>' line inside the draft introduces a quotation the draft goes on after: no
    quoted chain starts there, so nothing is cut."""
    text = ("Dear Sam,\n\nThe panel wrote:\n> Strong on SQL.\nWe still offered the role to someone else.\n\n"
            "Best,\nClaire")
    p = prepare(text)
    assert "The panel wrote" in p.plain and "someone else" in p.plain, p.plain


@pytest.mark.parametrize("attribution", [
    "Le lun. 3 mars 2025, Marie Dupont a écrit :", "Am 03.03.2025 schrieb Jan Meyer:",
    "Sam Lee <sam@x.example> wrote:", "From: Sam Lee <sam@x.example>\r\n\r\nSent: Monday, March 3, 2025 10:12 AM",
    "From: Sam Lee\r\nSent: Monday, 3 March 2025",
])
def test_a_reply_header_in_a_text_with_windows_line_ends_starts_the_quoted_chain(attribution):
    """A text pasted or exported with CRLF line ends (a CSV cell, a JSON field) has a carriage return before each
    line's end: the attribution lines without a time, the name-first ones and Outlook's blocks still cut there."""
    text = ("Dear Sam,\r\n\r\nWe have offered the role to someone else.\r\n\r\nBest,\r\nClaire\r\n\r\n"
            f"{attribution}\r\n> Any news?\r\n> Sam\r\n")
    p = prepare(text)
    assert p.plain.rstrip().endswith("Claire") and any("quoted reply" in w for w in p.warnings), p.plain


@pytest.mark.parametrize("quote", [
    '<div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">{attr}<br></div>'
    '<blockquote class="gmail_quote">{quoted}</blockquote></div>',
    '<div class="gmail_quote"><div dir="ltr" class="gmail_attr">{attr}<br></div><div>{quoted}</div></div>',
    '<div class="yahoo_quoted" id="yahoo_quoted_0123"><div>{attr}</div><div>{quoted}</div></div>',
    '<div id="yahoo_quoted_0123"><div>{attr}</div><div>{quoted}</div></div>',
    '<hr style="display:inline-block;width:98%"><div id="divRplyFwdMsg" dir="ltr"><b>Od:</b> Sam Lee<br>'
    '<b>Wysłane:</b> poniedziałek, 3 marca 2025<br></div><div>{quoted}</div>',
    '<blockquote type="cite"><div>{attr}</div><div>{quoted}</div></blockquote>',
])
def test_a_reply_quote_marked_up_by_the_client_is_cut_with_its_attribution_line_in_any_language(quote):
    """Gmail's, Yahoo's and Outlook's quote blocks are cut at their markup, with the attribution line inside them: a
    line in a language the rules do not read ("W dniu ... napisał:") was checked, and, below a div that is not a
    blockquote, the candidate's quoted message too."""
    attr = "W dniu pon., 3 mar 2025 Sam Lee &lt;sam@x.example&gt; napisał:"
    text = ("<div><p>Hi Sam,</p><p>We have offered the role to someone else.</p><p>Best,<br>Claire</p></div>"
            + quote.format(attr=attr, quoted="Hello Claire, is there any news about my application?"))
    p = prepare(text)
    assert p.plain.rstrip().endswith("Claire") and any("quoted reply" in w for w in p.warnings), p.plain
    # a div of the writer's own is part of the message
    assert "any news" in prepare('<div class="note"><p>Hi Sam,</p></div><div id="main">We decided to hire '
                                 "someone else. Is there any news on your side?</div>").plain


@pytest.mark.parametrize("attribution", [
    "Quoting Sam Lee <sam@x.example>:", "Quoting sam@x.example:", "Zitat von Sam Lee <sam@x.example>:",
    "W dniu pon., 3 mar 2025 Sam Lee <sam@x.example> napisał:",
])
def test_a_horde_or_unknown_language_attribution_line_above_the_quoted_lines_is_cut_with_them(attribution):
    """Horde's "Quoting Sam Lee <sam@x>:" and a line in a language the rules do not read that holds the writer's
    address stand straight above the '>' lines: those were cut and the line was checked as the draft's last sentence.
    An address line of the draft's own, with the draft going on below it, stays."""
    for quoted in ("> Hi, any news?\n> Sam", "> Hi, any news?"):
        text = f"Dear Sam,\n\nWe have offered the role to someone else.\n\nBest,\nClaire\n\n{attribution}\n\n{quoted}\n"
        p = prepare(text)
        assert p.plain.rstrip().endswith("Claire") and any("quoted reply" in w for w in p.warnings), p.plain
    text = "Dear Sam,\n\nWrite to jobs@x.example:\n> your name\nWe hire again in May.\n\nBest,\nClaire"
    assert "jobs@x.example" in prepare(text).plain


@pytest.mark.parametrize("attribution", [
    "W dniu pon., 3.03.2025 o 10:15 Zofia Mazur napisała:",
    "Dne po 3. 3. 2025 v 10:15 Jan Novák napsal(a):",
    "Den mån 3 mars 2025 kl 10:15 skrev Linnea Berg:",
    "Ahmet Yılmaz, 3 Mar 2025 Pzt, 10:15 tarihinde şunu yazdı:",
])
def test_an_attribution_line_in_another_language_without_an_address_starts_the_quoted_chain(attribution):
    """An attribution line in a language the rules do not read, without the writer's address, straight above the '>'
    lines was checked as the draft's last sentence, and its name shown in audit reports: a line that ends in ':' and
    holds a date with its year or a clock time is cut with the quoted lines below it."""
    from model.text import find_quoted_reply

    text = (f"Hi Zofia,\n\nWe have offered the role to someone with more SAP experience.\n\nBest,\nClaire\n\n"
            f"{attribution}\n> Dzień dobry, czy są jakieś wieści?\n> Zofia")
    at = find_quoted_reply(text)
    assert at is not None and text[at:].startswith(attribution), text[at:] if at is not None else None


@pytest.mark.parametrize("line", ["Here is what you sent us on 3 March 2025:", "Your answer at 10:15 was:"])
def test_a_drafts_own_line_with_a_date_above_one_quoted_line_is_kept(line):
    """A draft's own line that quotes one line of the candidate's, with the draft going on below it, stays."""
    from model.text import find_quoted_reply

    text = f"Hi Zofia,\n\n{line}\n> I can start in April.\nWe need someone sooner.\n\nBest,\nClaire"
    assert find_quoted_reply(text) is None
@pytest.mark.parametrize("text", [
    "Hi Priya,\n\nUmm interview nalla irundhuchu but namba team ku konjam more experience venum. Sorry ma.\n\nKarthik",
    "Hi Ramon, the panel liked you pero hindi ka namin kinuha kasi we need someone with SAP. Ingat, Liza",
    "Oye Mateo, thanks for coming but we picked otra persona porque necesitamos more senior. Suerte! Ana",
    "Hi Arjun, coding round theek tha but system design mein thoda kam laga, so we are not moving ahead. Pooja",
])
def test_romanised_runs_of_another_language_get_the_mixed_language_warning(text):
    """'interview nalla irundhuchu but ...' (Tamil-English in Latin letters) got no warning, while Hindi in Devanagari
    did: the mixed-language check wanted a dozen lower-case words and 30% of them unknown. A short draft with runs of
    romanised words of another language (Tanglish, Taglish, Spanglish, Hinglish) is mixed too."""
    from model.text import PARTLY_NOT_ENGLISH, prepare

    p = prepare(text)
    assert PARTLY_NOT_ENGLISH in p.warnings and p.english, text


@pytest.mark.parametrize("text", [
    "Namaste Mr Sharma, thank you for coming in for chai and the interview. We have decided to go with a candidate "
    "with more experience. Regards, Anil",
    "Dear Kavya, as a fresher your profile was strong, but the role offers 6 lakh and needs 3 years of experience. We "
    "won't be moving ahead. Regards, Suresh",
    "Hi Venkatesh, thank you for meeting Lakshmi and Subramaniam on Tuesday. With a 12 crore budget the project needs a "
    "senior lead, so we are not progressing. Best, Arundhati",
    "hey priya kumar, thx alot for coming in. we went w someone else, sorry. loved the dosa demo tho. cheers, dougie",
    "Hi Siobhan, ta for coming in. We've gone with someone else, sorry. Grand chatting to you though. Aoife",
])
def test_english_with_loan_words_and_names_gets_no_mixed_language_warning(text):
    from model.text import PARTLY_NOT_ENGLISH, prepare

    assert PARTLY_NOT_ENGLISH not in prepare(text).warnings, text
