"""Redaction for audit reports: e-mail addresses, phone numbers, and people's names.

Reports (every audit output: JSON Lines, CSV, HTML) are shared more widely than the mailbox they
were built from, so names, addresses and phone numbers are replaced with `[name]` / `[email]` /
`[phone]`, and senders masked, unless the user passes `--show-pii`. The names are the ones a
message shows as names (`message_names`): the greeting's ("Hi Priya, thank you ...", "Dear
Ms. O'Connor-Smith", "<b>Priya</b>", "hi priya shah,"), a first line that is a name ("Priya -
thanks"), the name under a sign-off ("Best,\nDana Whitfield"), a name after a title ("Mr Becker")
or a thank-you ("Thank you Priya for ..."), a run of capitalised words mid-sentence that is not a
role, team, organisation or date ("our recruiter Tom Becker"), a name after a dash at the end of
a line ("— Ana"), under a sign-off in French, German, Spanish ... ("Cordialement,\nJosé García"),
or named as the one chosen or to contact ("we chose Rahul", "contact Ana"), talked with, met, thanked or told
("I spoke with Aarav", "meet Kenji", "thanks to Ola"), before a verb only a person does ("Siobhan felt") or before
their role in commas ("Will Carter, our hiring manager,"), beside the writer ("with me and
Luis", "Tom and me") or addressed mid-sentence ("Sorry Jamal,", "..., Marco — "), signed above a job title
or alone on the last line without a sign-off ("Mahesh Iyer\nHead of Analysis"), initials ("Thanks,\nJ.",
"M.K. will be in touch", "Ms. R. Iyer"), and the names in the headers; each is then removed wherever it occurs
in the message. A place, a company or a product is no name ("at Northwind Health", "in New Delhi", "using
Salesforce Marketing Cloud"). `redact_path` redacts the names in a source path the HTML report shows.
Emoji beside a name ("Hi Sam 👋,") do not hide it. Profile URLs (linkedin.com/in/…,
github.com/…) lose their user part. Redaction errs on the side of removing too much (a company
name written like a person's, or in a header display name, is removed as well).

Every audit output redacts through `row_names` and `redactor`: the JSON Lines and CSV rows and the
HTML report's excerpts alike, so that no format shows a name another one hides.
"""
from __future__ import annotations

import re
from functools import lru_cache

from model.text import markup_words

# (starts only where a run of address characters starts, and never gives back what it took: linear
# on a long run of word characters, where every start position used to scan to the end)
EMAIL = re.compile(r"(?<![\w.+\-'])[\w.+\-']++@[\w\-]+(?:\.[\w\-]+)+")
# a phone number: 9 to 15 digits in groups ("+44 20 7946 0958", "(415) 555-0134", "0161 496 0000",
# "+91 98765 43210"); dates, years, amounts and reference numbers are shorter or have no groups
PHONE = re.compile(r"(?<![\w+\-])(?:\+?\d{1,3}[ .\-])?(?:\(\d{1,5}\)[ .\-]?)?\d{2,6}(?:[ .\-]\d{2,6}){0,4}(?![\w\-])"
                   r"|(?<![\w+\-.,/])\+?\d{10,13}+(?![\w\-/]|[.,]\d)")
PHONE_MARK = "[phone]"
# a profile URL's user part ("linkedin.com/in/ana-lopez-123", "github.com/analopez")
PROFILE_URL = re.compile(r"(?i)(\b(?:linkedin\.com/(?:in|pub)|github\.com|gitlab\.com|twitter\.com|x\.com)/)"
                         r"(?!\[)[^\s/?#<>\"'()\[\]]+")
# capital letters of Latin, Greek and Cyrillic scripts ("Đặng", "Łukasz", "Øyvind"), for the name patterns
_UPPER = "A-Z" + "".join(c for lo, hi in ((0xC0, 0x250), (0x370, 0x530), (0x1E00, 0x1F00)) for c in map(chr, range(lo, hi))
                         if c.isupper())
# (dotted initials are one word: "J.K.")
_NAME_WORD = rf"(?:[{_UPPER}]\.(?:[{_UPPER}]\.)+|[{_UPPER}][\w'’\-]*\.?)"
# initials before a name ("R. Iyer", "A. N. Mukherjee", "J.K. Rao")
_INITIALS = rf"(?:[{_UPPER}]\.[ \t]?){{1,3}}"
_ANY_NAME_WORD = r"[^\W\d_][\w'’\-]*"  # in any script and either case ("josé", "Łukasz")
_TITLE = r"(?i:mr|mrs|ms|miss|mx|dr|prof)"
GREETING_NAME = re.compile(
    r"^[ \t]*(?i:hi|hello|hey|dear|greetings|good\s+(?:morning|afternoon|evening|day))[ \t]*,?[ \t]+"
    rf"(?:{_TITLE}\.?[ \t]+)?"
    rf"((?:[{_UPPER}]\.[ \t]?){{0,3}}{_ANY_NAME_WORD}(?:[ \t]+{_ANY_NAME_WORD}){{0,2}}?)[ \t]*+(?:[,:!;.&/\-–—]|$)",
    re.M,
)
# Words after a greeting, or inside a header display name, that are not a person's name.
NOT_NAMES = frozenset(
    "there all team everyone folks friend again candidate applicant applicants sir madam hiring manager "
    "recruiter recruiting recruitment talent acquisition people hr careers career jobs job the at of and "
    "for from inc ltd llc gmbh plc co noreply no-reply reply do not via team's partner partners group "
    "human resources services service department office support notifications notification "
    # first words of a subject-like first line ("Thanks - ...", "Update - ...")
    "thanks thank update updates hello hi hey dear re fw fwd note reminder urgent important subject "
    "congratulations sorry apologies welcome news unfortunately regarding application status".split()
)
# An address `mask_sender` has masked ("j…@acme.com").
MASKED_SENDER = re.compile(r"(?:^|\s)\w?…@[\w\-]+(?:\.[\w\-]+)+")
# the message's own words in double quotes in a finding's message (a harsh phrase's: cut or reword "..."); the
# message's own wording (its examples in single quotes) is never redacted: "No concrete next step" is no name
_QUOTED = re.compile(r'"[^"\n]*"')
NAME_MARK = "[name]"
EMAIL_MARK = "[email]"


# A first line that starts with a name and a comma or a dash ("Priya," or "Priya Shah - thank you")
# is a greeting too.
BARE_NAME_LINE = re.compile(rf"\A\s*({_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,2}})(?:[ \t]*+,[ \t]*+$|[ \t]++[\-–—][ \t])",
                            re.M)
# a name after a title ("Mr Becker", "Ms. O'Connor-Smith") or a thank-you ("Thank you Priya for ...")
_TITLED = re.compile(rf"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?[ \t]+((?:{_INITIALS})?[{_UPPER}][\w'’\-]*(?:[ \t]+[{_UPPER}][\w'’\-]*)?)")
# initials alone or before a surname, anywhere ("M.K. will be in touch", "speak to E. Castellanos"): two initials or
# more are a name unless an abbreviation ("U.K.", "P.S."); one before a word is a name where that word is no English
# word, or a person is expected ("with", "from", "contact" ...): "option B. Thanks" is none
_INITIALED = re.compile(rf"(?<![\w.])({_INITIALS})([{_UPPER}][\w'’\-]+)?")
_DOTTED_ABBREVIATIONS = frozenset(
    "us uk un eu usa uae dc ny la ba ma bs ms md rn ps pps am pm qa hr it ai tbc tbd rsvp nb ok bsc msc phd mba llb llm "
    "ca cv id no vs eg ie bv nv sa ag ab as oy spa srl co be pe na cpa".split())
_PERSON_BEFORE = re.compile(r"(?:\b(?:with|from|by|to|and|contact|cc|ask|email|e-mail|call|thanks)|,)[ \t]+\Z")
_THANKED = re.compile(rf"\b(?i:thank\s+you|thanks|sorry)(?:[ \t]+(?i:so|very)[ \t]+much)?[ \t]+({_NAME_WORD})"
                      rf"(?=[ \t]*[,!.]|[ \t]+(?i:for|so|again)\b)")
# one name beside the writer ("meeting with me and Luis", "chatting with Tom and me"), or addressed between a comma
# and a dash ("Appreciate you coming in, Marco — we're not ...")
# (found from the "and": a pattern that starts at every capital letter costs ~60 µs a message)
_PAIRED = re.compile(rf"[ \t](?:and[ \t]+(?:me|I|myself)\b|(?:me|us|myself)[ \t]+and[ \t]+({_NAME_WORD})(?![\w'’\-]))")
_WORD_BEFORE = re.compile(rf"(?<![\w'’\-])({_NAME_WORD})[ \t]*\Z")
_ADDRESSED = re.compile(rf",[ \t]+({_NAME_WORD})[ \t]*[—–]"
                        # ... or at the end of a thank-you or an apology ("Thanks for interviewing at our Elm Street
                        # store, Kendra.")
                        # (after a word in lower case, a day or a date: "... in Hinjewadi, Pune." names a place)
                        rf"|(?i:thanks|thank[ \t]+you|sorry|good[ \t]+luck)\b[^.!?\n]{{0,200}}?(?<![\w'’\-])"
                        r"(?:[a-z][\w'’\-]*|\d+|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|May"
                        r"|June|July|August|September|October|November|December),"
                        rf"[ \t]+({_NAME_WORD})"
                        r"[ \t]*[.!?](?!\w)")
# one to three capitalised words alone on the line under a sign-off, or after it on its line
_SIGNED = re.compile(rf"^[ \t]*({_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,2}})[ \t]*$")
# ... or in lower case ("thanks,\nana lópez"): kept where one of its words is no English word
_SIGNED_ANY_CASE = re.compile(rf"^[ \t]*({_ANY_NAME_WORD}(?:[ \t]+{_ANY_NAME_WORD}){{0,2}})[ \t]*$")
# sign-offs in other languages (model/segment.py's SIGN_OFF reads English ones), and a "--" line
_OTHER_SIGN_OFF = re.compile(
    r"^[ \t]*(?i:(?:bien\s+)?cordialement|(?:bien\s+)?(?:à\s+vous|amicalement)|salutations(?:\s+distinguées)?"
    r"|(?:mit\s+)?(?:freundlichen|freundliche|besten|beste|viele|liebe|herzliche)\s+grüßen?|(?:mfg|lg|vg)"
    r"|(?:un\s+)?saludos?(?:\s+cordiales)?|atentamente|(?:cordiali|distinti)\s+saluti|saluti|cordialmente"
    r"|atenciosamente|abraços|(?:met\s+)?(?:vriendelijke|hartelijke)\s+groet(?:en)?|groeten"
    r"|(?:med\s+)?vänliga?\s+hälsningar?|hälsningar|pozdrawiam|z\s+poważaniem|s\s+pozdravem|diolch|cofion(?:\s+gorau)?"
    r"|all\s+best|xoxo|xx|--)"
    r"[ \t]*[,.!]?[ \t]*$")
# a name after a dash at the end of a line ("... — Ana", "- Dana Lee")
# (at a line's start or after a sentence's end: "Acme – Human Capital", "Status: Closed – Not Selected" sign no name)
_DASH_SIGNED = re.compile(rf"(?:^|(?<!\bCo)(?<!\bInc)(?<!\bLtd)[.!?)][ \t]+)[ \t]*[—–\-]{{1,2}}[ \t]*({_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,2}})[ \t]*$",
                          re.M)
# a name given as the person chosen or to talk to ("we chose Rahul", "please contact Ana")
_CHOSEN = re.compile(
    r"\b(?i:chose|chosen|choosing|selected|hired|picked|appointed|offered\s+(?:it|the\s+(?:role|position|job))\s+to"
    r"|(?:went|gone|going|go|move|moving|proceed|proceeding)\s+(?:forward\s+)?with|decided\s+on|contact|email"
    r"|e-mail|call|cc|cc'd|reach\s+out\s+to|speak\s+(?:to|with)|talk\s+(?:to|with)|ask|asked|colleague)"
    # (one word: a run of capitalised words after it is read as a run, "contact Brightwater Logistics")
    rf"[ \t]+({_NAME_WORD})(?![\w'’\-]|[ \t]+[{_UPPER}][a-z])")
# a name after a verb whose object is a person: talked with, met, heard from, thanked, told ("I spoke with Aarav",
# "caught up with Mei", "meet Kenji", "thanks to Ola", "let Anand know"), even an English word ("checked with Grant")
_PERSON_OBJECT = re.compile(
    r"\b(?i:(?:spoke|spoken|speaking|talked|talking|chat|chatted|chatting|check|checked|checking|consult|consulted"
    r"|sync|synced|catch\s+up|caught\s+up|catching\s+up)\s+(?:to|with)|(?:met|meet|meeting)(?:\s+with)?"
    r"|(?:hear|heard|hearing|feedback|notes?)\s+from|thanks\s+to|according\s+to|thanked|told|tell|inform|informed|let)"
    rf"[ \t]+({_NAME_WORD})(?![\w'’\-]|[ \t]+[{_UPPER}][a-z])"
    # (before punctuation or a word that no company name is the attribute of: "hear from Ridgeline recruiters" is none)
    r"(?=[ \t]*(?:[,.;:!?)\u2014\u2013\n]|\Z)|[ \t]+(?:about|and|or|for|to|on|at|in|after|before|yesterday|today|tomorrow"
    r"|last|this|earlier|later|know|directly|again|who|that|if|when|regarding|re|as|by|over|during|since|while|so|but|is"
    r"|was|has|had|will|would|said|felt|thought|myself|personally)\b)")
# a name before a verb only a person is the subject of ("Aarav felt", "and Grant mentioned")
_SUBJECT = re.compile(
    rf"(?<![\w'’\-])([{_UPPER}][\w'’\-]+)[ \t]+(?:said|says|mentioned|felt|feels|thought|thinks|noted|suggested|agreed"
    r"|recommended|liked|loved|enjoyed|praised|flagged|raised|asked|interviewed|told|tells|reached\s+out|sends|sent"
    r"|will\s+(?:be\s+in\s+touch|reach\s+out)|is\s+(?:out|away|on\s+leave|off))\b(?P<gendered>[ \t]+(?:her|his|she|he)\b)?")
# a name before its role in commas ("Will Carter, our hiring manager, felt ...")
_APPOSITIVE = re.compile(
    rf"(?<![\w'’\-])([{_UPPER}][\w'’\-]+(?:[ \t]+[{_UPPER}][\w'’\-]+){{0,2}}),[ \t]+(?:our|my|the|your|their)[ \t]+"
    r"(?:[\w\-]+[ \t]+){0,2}(?:manager|director|head|recruiter|lead|partner|founder|chair|ceo|cto|coo|cfo|vp|officer"
    r"|coordinator|supervisor|consultant|colleague|interviewer|engineer|editor|chef|principal)\b")
# a word before a name that makes it no person's ("the Northwind", "our Pune") ...
_DETERMINER_BEFORE = re.compile(r"\b(?i:the|our|your|their|its|his|her|my|this|that|these|every|each|no|a|an)[ \t]+\Z")
# ... and a word after which a lone capitalised word may be a name though it is an English word ("and Grant felt")
_CLAUSE_BEFORE = re.compile(r"(?:\b(?:and|but|that|because|as|while|so|when)|,)[ \t]+\Z")
_RUN_WORD = rf"[{_UPPER}][\w'’\-]*"
# (a whole run, however long: cut at function words, then read three words at a time)
_CAPITALISED_RUN = re.compile(rf"(?<=[a-z,;(][ \t])({_RUN_WORD}(?:[ \t]+{_RUN_WORD})+)\b")
# the word before a run that makes it a place, an organisation or a product ("at Northwind Health", "in New Delhi",
# "using Adobe Premiere Pro", "the Kestrel Trust"); a run joined to such a run by "and", "or" or a comma is one too
_THING_BEFORE = re.compile(
    r"\b(?:at|in|into|near|across|around|outside|inside|within|throughout|via|using|use|used|uses|know|knows|knowing"
    r"|visit|visiting|visited|join|joining|joined|(?:apply|applying|applied)[ \t]+(?:to|at)"
    r"|(?:experience|familiarity|familiar|comfortable|proficiency|proficient|expertise|skills?|knowledge)[ \t]+(?:with|of|on))"
    r"[ \t]+\Z")
# the word after a run that makes it a skill ("more Unreal Engine experience", "Power BI depth")
_SKILL_NEXT = frozenset("experience expertise skills skill knowledge depth background certification certificate "
                        "exposure proficiency".split())
# a run after a comma on a signature's title line ("Head of Analytics, Tata Bluewave"): its organisation
_TITLE_LINE_COMMA = re.compile(rf"(?:^|\n)[ \t]*[{_UPPER}][\w'’&\-]*(?:[ \t]+(?:[{_UPPER}][\w'’&\-]*|of|and|for|the|[–—\-]))*"
                               rf"[ \t]*,[ \t]*\Z")
# ... or its first words, up to a role or a department ("the Kestrel Trust", but "our Senior Recruiter Tom Becker")
_ARTICLE_BEFORE = re.compile(r"\b(?:the|our|your|their|its|this|these)[ \t]+\Z")
_JOINED_BEFORE = re.compile(r"\A(?:[ \t]*,[ \t]*|[ \t]+(?:and|or|&)[ \t]+|[ \t]*,[ \t]*(?:and|or)[ \t]+)\Z")


def greeting_names(text: str) -> list[str]:
    """Names addressed in greetings ("Hi Sam," -> "Sam"; "Dear Ms Priya Shah" -> "Priya Shah";
    "Hi Priya, thank you ..." -> "Priya"; a first line "Priya," or "Priya - thanks" -> "Priya")."""
    out = []
    matches = list(GREETING_NAME.finditer(text))
    bare = BARE_NAME_LINE.match(text)
    if bare and not any(m.start() == bare.start() for m in matches):
        matches.insert(0, bare)
    for m in matches:
        words = m.group(1).split()
        if _lower_case_greeted(text, m, words):
            words = [w for w in words if w.lower() not in NOT_NAMES and w.lower() not in _NOT_GREETED]
        else:
            words = _greeted(words)
        if words:
            out.append(" ".join(words))
    return out


# lower-case words after a greeting that address no one by name ("hi guys,")
_NOT_GREETED = frozenset(
    "guys you y'all yall both colleague colleagues gang sir madam or and of the a an to for with we our your my "
    "is are".split())


def _lower_case_greeted(text: str, m: re.Match, words: list[str]) -> bool:
    """A greeting typed in lower case straight onto one or two words and a comma, "!" or ":"
    ("hi sam,", "hey ana lee!"): those words are a name even where they are English words too;
    not after "hi," ("hi, thanks for applying.")."""
    if not words or len(words) > 2 or any(w != w.lower() for w in words) or m.re is not GREETING_NAME:
        return False
    return "," not in text[m.start():m.start(1)] and m.group(0).rstrip()[-1:] in (",", "!", ":")


_FUNCTION_WORDS = frozenset("or and of the a an to for with we you our your my is are".split())


def _greeted(words: list[str]) -> list[str]:
    """The words after a greeting that may be a name: not "there" or "team", not "I"; a word in lower
    case only where one of them is no English word ("hi priya shah": both are kept; "Dear Sir or
    Madam": "or" is no name)."""
    from model.names import is_known_word

    words = [w for w in words if w.rstrip(".").lower() not in NOT_NAMES and w != "I"]
    lower = [w for w in words if not w[:1].isupper()]
    if lower and all(is_known_word(w.rstrip(".")) for w in lower):
        words = [w for w in words if w[:1].isupper()]
    return [w for w in words if w[:1].isupper() or w.lower() not in _FUNCTION_WORDS]


_SENTENCE_END = re.compile(r"(?<=[a-z\d)][.!?])[ \t]+(?=[A-Z])")


def _signs_off(line: str) -> bool:
    """Is `line` a sign-off ("Best,", "Cordialement,", "--")?"""
    from model.segment import SIGN_OFF, short_line

    return bool(SIGN_OFF.match(short_line(line)) or _OTHER_SIGN_OFF.match(short_line(line)))


def _signed_names(lines: list[str]) -> list[str]:
    """The name under (or beside) a sign-off: "Best,\nDana Whitfield", "Best regards, Dana",
    "Cordialement,\nJosé García", "thanks,\nana lópez", "--\nAna"."""
    signs_off = _signs_off
    out = []
    for i, line in enumerate(lines):
        # a sign-off may end a line after the last sentence ("... more experience. Best, Ana")
        line = _SENTENCE_END.split(line)[-1]
        head, sep, rest = line.partition(",")
        if signs_off(line):
            follow = next((x for x in lines[i + 1:i + 3] if x.strip()), "")
        elif sep and rest.strip() and signs_off(head + ","):
            follow = rest
        else:
            continue
        if _role_line(follow) or follow.strip().rstrip(".").rpartition(" ")[2].lower() in _NOT_PERSON_ENDS:
            continue  # a job title under the sign-off ("Kind regards,\nSchool Business Manager"), no name
        m = _SIGNED.match(follow)
        if m and not all(w.lower().rstrip(".") in NOT_NAMES for w in m.group(1).split()):
            out.append(" ".join(w for w in m.group(1).split() if w.lower().rstrip(".") not in NOT_NAMES))
        elif (m := _SIGNED_ANY_CASE.match(follow)) and (words := _greeted(m.group(1).split())):
            out.append(" ".join(words))
    return out


# a line that may be a signature's name: one to three capitalised words, perhaps with letters after it
# ("Patricia Holloway, MSN, RN")
_SIGNATURE_NAME = re.compile(rf"^[ \t]*({_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,2}})(?:[ \t]*,[ \t]*[A-Z]{{2,6}}\.?)*[ \t]*$")
# the words of a job title on the line under a signature's name ("Ward Manager, Ward 12", "Head of Mathematics",
# "Founder, Lakdi Studio")
_SIGNATURE_ROLES = frozenset(
    "manager director head founder co-founder owner supervisor consultant recruiter chair chairman chairperson "
    "registrar principal president partner officer lead coordinator specialist administrator editor producer "
    "dean professor lecturer ceo cto coo cfo vp secretary executive associate advisor adviser".split())
_ROLE_LINE = re.compile(r"^[ \t]*([^,\n]*)")


def _role_line(line: str) -> bool:
    """Does `line` (up to its first comma) name a job: "Ward Manager, Ward 12", "Head of Mathematics"?"""
    words = _ROLE_LINE.match(line).group(1).split()[:4]
    return any(w.strip("()").lower() in _SIGNATURE_ROLES for w in words)


def _signature_block_names(lines: list[str]) -> list[str]:
    """A name signed without a sign-off: on the line above a job title ("Not selected.\n\nMahesh Iyer\nHead of
    Analysis", "... move ahead with it. Tom Kowalski\nShipping Supervisor"), or alone on the message's last line
    after its last sentence ("Take care out there.\n\nJanelle"). English words only, function words, and a team or
    company's last word are no name."""
    from model.names import is_known_word

    filled = [i for i, line in enumerate(lines) if line.strip()]
    out = []
    for k, i in enumerate(filled):
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if nxt.strip() and _role_line(nxt):
            m = _SIGNATURE_NAME.match(_SENTENCE_END.split(lines[i])[-1])
        elif k == len(filled) - 1 and k and lines[filled[k - 1]].rstrip()[-1:] in ".!?":
            m = _SIGNATURE_NAME.match(lines[i])
        else:
            continue
        words = m.group(1).split() if m else []
        if (words and not _role_line(lines[i]) and words[-1].rstrip(".").lower() not in _NOT_PERSON_ENDS
                and not any(w.lower() in _RUN_FUNCTION_WORDS or w.lower() in NOT_NAMES for w in words)
                and not all(is_known_word(w.rstrip(".")) for w in words)):
            out.append(m.group(1))
    return out


# The last word of a capitalised run that makes it a role, a team, an organisation, a place of work or
# a date rather than a person ("Senior Data Engineer", "Acme Corp", "Platform Team", "March 2025").
_NOT_PERSON_ENDS = frozenset(
    "role position post job opening vacancy programme program scheme internship apprenticeship team teams "
    "department division unit group office offices branch site store hub centre center lab labs studio studios "
    "platform platforms services service solutions systems system technologies technology tech labs partners "
    "consulting ltd limited llc llp inc plc gmbh corp corporation company co bank trust council university "
    "college school academy institute hospital clinic foundation agency network holdings industries "
    "engineer engineers developer developers analyst analysts manager managers director directors officer "
    "officers lead leads specialist specialists consultant consultants assistant associate associates "
    "coordinator administrator designer designers scientist scientists architect technician nurse nurses "
    "intern interns trainee trainees graduate graduates executive executives partner head chef teacher "
    "recruiter recruiters representative advisor adviser accountant editor writer researcher fellow "
    "engineering design marketing sales finance operations research product data analytics support "
    "health healthcare cloud logistics software digital media energy pharma retail insurance capital ventures infirmary "
    "hotel hotels museum gallery theatre airport city county "
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split())


# The words of a capitalised run no name is made of, wherever they stand in it: a department, an organisation, a
# role ("Salesforce Marketing Cloud", "Azure Data Factory", "Senior Recruiter Tom Becker": a name is read only in the
# pieces between them). Not the words of _NOT_PERSON_ENDS that are names too ("April", "Post", "Lead").
_NOT_PERSON_WORDS = frozenset(
    "engineering design marketing sales finance operations research product data analytics support team teams "
    "department division office offices platform platforms services service solutions systems technologies technology "
    "consulting ltd limited llc llp inc plc gmbh corp corporation company university college school academy institute "
    "hospital clinic foundation agency network holdings industries health healthcare cloud logistics software digital "
    "media energy pharma retail insurance capital ventures infirmary engineer engineers developer developers analyst "
    "analysts manager managers director directors officer officers specialist specialists consultant consultants "
    "assistant associate coordinator administrator designer designers scientist scientists architect technician nurse "
    "nurses intern interns trainee trainees graduate graduates executive executives recruiter recruiters "
    "representative advisor adviser accountant editor researcher pvt pte bhd sdn chair vice-chair chairman chairwoman "
    "chairperson treasurer secretary trustee trustees president vice-president ceo cto coo cfo vp".split())


# Words no name is made of: a capitalised run holding one is Title Case wording ("Thank You For Your Interest",
# "the No Objection Certificate"), and only its pieces between them may be names
_RUN_FUNCTION_WORDS = frozenset(
    "a an the and or but nor for of in on at to by with from into as than that this these those our your my their "
    "his her its we you he she they it us me them i is are was were be been being have has had do does did not no "
    "yes if so after before".split())
# a lower-case word after a run that makes the run its attribute ("the Senior Producer role"): no person
_ATTRIBUTIVE_NEXT = frozenset(
    "role roles position positions post posts job jobs opening openings vacancy vacancies programme program scheme "
    "internship apprenticeship team teams department podcast project course degree".split())
_NEXT_WORD = re.compile(r"[ \t]+([a-z]+)")
_LINE_WORD = re.compile(r"[^\W\d_][\w'’\-]{2,}")


def _title_case_line(text: str, pos: int) -> bool:
    """Is the line holding `pos` written in Title Case ("Thank You For Your Interest In Joining Our Firm"): four
    words of three letters or more, four in five of them capitalised or two function words inside sentences? (A
    sentence naming people and places, "meet me, Priya Desai and Jonathan Reeve at The Albany", is not.)"""
    start, end = text.rfind("\n", 0, pos) + 1, text.find("\n", pos)
    line = text[start:end if end >= 0 else len(text)]
    words = list(_LINE_WORD.finditer(line))
    if len(words) < 4:
        return False
    # a capitalised function word that opens no sentence ("Interest In Joining", not ". We have")
    function_words = sum(m.group()[0].isupper() and m.group().lower() in _RUN_FUNCTION_WORDS
                         and line[:m.start()].rstrip()[-1:] not in ("", ".", "!", "?", ":", '"', "(") for m in words)
    return function_words >= 2 or sum(m.group()[0].isupper() for m in words) >= 0.8 * len(words)


def _capitalised_runs(text: str) -> tuple[list[str], list[str]]:
    """Runs of two or three capitalised words mid-sentence ("our recruiter Tom Becker"), unless the
    run ends in a word that makes it a role, a team, an organisation or a date: names, and now and
    then a product or a place written like one. Function words are no part of a name (a run holding
    one is cut there, its pieces of two words or more read alone), and English words only are none
    beside one ("the No Objection Certificate"), in a Title Case line ("After Careful Review") or
    before "role", "team" ... ("the Senior Producer role"). A department, organisation or role word cuts
    a run as a function word does ("Salesforce Marketing Cloud"); a run after "at", "in", "using" ... is
    a place, an organisation or a product ("at Northwind Health"), and so are the words after "the" or
    "our" before any such word ("the Kestrel Trust", "our Senior Recruiter Tom Becker": "Tom Becker"),
    a run before "experience", "skills" ... and one after a comma on a signature's title line ("Head of
    Analytics, Tata Bluewave"). Returns (names, the runs read as places, organisations or products)."""
    from model.names import is_known_word

    runs, things = [], []
    thing_end = -1  # where the last run read as a place, an organisation or a product ended
    for m in _CAPITALISED_RUN.finditer(text):
        if _THING_BEFORE.search(text, max(0, m.start() - 40), m.start()) or (
                thing_end >= 0 and _JOINED_BEFORE.match(text[thing_end:m.start()])):
            thing_end = m.end()
            things.append(m.group(1))
        else:
            thing_end = -1
            runs.append(m)
    out = []
    for m in runs:
        nxt = _NEXT_WORD.match(text, m.end())
        if nxt and nxt.group(1) in _SKILL_NEXT:
            things.append(m.group(1))
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        if text[m.start() - 2:m.start()] == ", " and _TITLE_LINE_COMMA.search(text, max(0, line_start - 1), m.start()) \
                and _role_line(text[line_start:m.start()]) and not text[m.end():line_end if line_end >= 0 else None].strip(" \t.,"):
            things.append(m.group(1))
            continue
        # the words of a place or an organisation named elsewhere in the message ("... at Brindlewood Cell
        # Therapeutics. Brindlewood Cell Therapeutics is committed ...", read from its second word)
        if any(m.group(1) in thing for thing in things):
            things.append(m.group(1))
            continue
        pieces, piece, cut = [], [], False
        # after "the" or "our", the words up to a role or a function word are a place's or a company's
        thing_words = bool(_ARTICLE_BEFORE.search(text, max(0, m.start() - 8), m.start()))
        for w in m.group(1).split():
            if w.lower() in _RUN_FUNCTION_WORDS:
                cut = True
                pieces.append([] if thing_words else piece)
                piece, thing_words = [], False
            elif w.lower() in _NOT_PERSON_WORDS:
                # the words before a role or a department are its attributes ("Chief Financial Officer"), not a name
                piece, thing_words = [], False
            else:
                piece.append(w)
        pieces.append([] if thing_words else piece)
        # three words at a time ("Azure Data Factory", "Databricks Unity Catalog"); "Met With Tom Becker And The
        # Team" gives "Tom Becker"
        chunks = [p[i:i + 3] for p in pieces for i in range(0, len(p), 3)]
        for words in chunks:
            if len(words) < 2 or words[-1].lower() in _NOT_PERSON_ENDS or any(w.isupper() and len(w) > 1 for w in words):
                continue
            if all(w.lower() in NOT_NAMES for w in words):
                continue
            if all(is_known_word(w.rstrip(".")) for w in words):
                nxt = _NEXT_WORD.match(text, m.end())
                if cut or _title_case_line(text, m.start()) or (
                        words is chunks[-1] and nxt and nxt.group(1) in _ATTRIBUTIVE_NEXT):
                    continue
            out.append(" ".join(words))
    return out, things


# emoji, pictographs, their modifiers and joiners: read as spaces when looking for names ("Hi Sam 👋,")
_EMOJI = re.compile("[\u2190-\u21ff\u2300-\u27bf\u2b00-\u2bff\u200d\ufe0e\ufe0f\U0001f000-\U0001faff"
                    "\U000e0020-\U000e007f]")
_WS = re.compile(r"\s+")


def message_names(text: str, names=()) -> list[str]:
    """Every name the message shows as a person's (see the module docstring), and `names` (from
    its headers). HTML is read as text; emoji as spaces."""
    text = _EMOJI.sub(" ", markup_words(text))
    found = list(names) + greeting_names(text)
    lines = text.splitlines()
    found += _signed_names(lines)
    found += _signature_block_names(lines)
    found += [m.group(1) for m in _TITLED.finditer(text)]
    found += [m.group(1) for m in _THANKED.finditer(text)]
    found += [m.group(1) for m in _DASH_SIGNED.finditer(text)]
    found += [m.group(1) for m in _CHOSEN.finditer(text) if not _is_common_word(m.group(1))]
    found += _paired_names(text)
    found += [m.group(1) for m in _PERSON_OBJECT.finditer(text) if not _is_title_word(m.group(1))]
    found += _subject_names(text)
    found += [m.group(1) for m in _APPOSITIVE.finditer(text) if not _is_title_word(m.group(1).split()[0])
              and (" " in m.group(1) or not _is_common_word(m.group(1)))]
    found += _initialed_names(text) if "." in text else []
    runs, things = _capitalised_runs(text)
    found += runs
    # a firm read as no name that holds a name found in the message is named after people ("Partner, Shah Mehta &
    # Co.", "Mehta" signed above it): its other words that are no English, role or organisation word are names too
    if things and found:
        words = {w for n in found for w in n.split()}
        found += [w for t in things if any(w in words for w in t.split()) for w in t.split()
                  if w not in words and not _is_common_word(w) and w.rstrip(".").lower() not in _NOT_PERSON_WORDS]
    # a name written in lower case ("hi priya shah,") is removed in every case it is written in, and
    # any name in capitals too ("PRIYA")
    found += [n.title() for n in found if n and n == n.lower()]
    found += [n.upper() for n in found if n and n != n.upper()]
    return found


def _subject_names(text: str) -> list[str]:
    """A name before a verb only a person is the subject of ("Oyelaran mentioned", "and Grant felt"); an English word
    there only after "and", "but", a comma ... ("Everyone felt", "The Panel agreed": no names)."""
    out = []
    for m in _SUBJECT.finditer(text):
        word, before = m.group(1), text[max(0, m.start() - 12):m.start()]
        if _is_title_word(word) or _DETERMINER_BEFORE.search(before):
            continue
        # ("Faith sends her best": a verb with "her" or "he" after it has a person before it, whatever the word)
        if _is_common_word(word) and not _CLAUSE_BEFORE.search(before) and not m.group("gendered"):
            continue
        out.append(word)
    return out


def _initialed_names(text: str) -> list[str]:
    """Initials alone or before a surname ("M.K. will be in touch", "with E. Castellanos", "J. K. Rao"), not a
    dotted abbreviation ("U.K.", "P.S.") nor a letter that ends a sentence ("option B. Thanks")."""
    from model.names import is_known_word

    out = []
    for m in _INITIALED.finditer(text):
        initials, surname = m.group(1).strip(), m.group(2)
        letters = initials.replace(".", "").replace(" ", "").replace("\t", "")
        if letters.lower() in _DOTTED_ABBREVIATIONS or len(letters) == 1 and surname and initials == m.group(1):
            continue  # "U.K.", "P.S.", a degree ("B.Pharm", "B.Tech": one letter and a word straight after its dot)
        if surname and (surname.lower() in _RUN_FUNCTION_WORDS or _is_title_word(surname)):
            surname = None
        if surname and (len(letters) >= 2 or not is_known_word(surname)
                        or _PERSON_BEFORE.search(text, max(0, m.start() - 12), m.start())):
            out.append(f"{initials} {surname}")
        elif len(letters) >= 2:
            out.append(initials)
    return out


def _is_common_word(word: str) -> bool:
    """An English word, a role or a team word ("contact HR", "we chose Python"): no name."""
    from model.names import is_known_word

    w = word.rstrip(".")
    return w.lower() in NOT_NAMES or w.lower() in _NOT_PERSON_ENDS or (w.isupper() and len(w) > 1) or is_known_word(w)


def _paired_names(text: str) -> list[str]:
    """A name beside the writer ("with me and Luis", "Tom and me"), even an English word, or addressed between a
    comma and a dash ("..., Marco — "), not an English word there."""
    out = []
    for m in _PAIRED.finditer(text):
        name = m.group(1) or next((b.group(1) for b in [_WORD_BEFORE.search(text, max(0, m.start() - 40), m.start())]
                                   if b), None)
        if name and not _is_title_word(name):
            out.append(name)
    return out + [n for m in _ADDRESSED.finditer(text) for n in [m.group(1) or m.group(2)] if not _is_title_word(n)
                  and not _is_common_word(n)]


def _is_title_word(word: str) -> bool:
    """A role, team, function or greeting word, or an acronym ("the Marketing and I", "HR and me"): no name,
    though a name may be an English word too ("Tom and me")."""
    w = word.rstrip(".").lower().replace("’", "'")
    return (w in NOT_NAMES or w in _NOT_PERSON_ENDS or w.split("'")[0] in _RUN_FUNCTION_WORDS  # "I'll", "We'd"
            or (word.isupper() and len(word) > 1))


def row_names(sentences, names=()) -> list[str]:
    """The names to redact in an audit row: `message_names` of its sentences' text, and `names`
    (from its headers). The one source of names for every output format."""
    return message_names("\n".join(s.get("text", "") for s in sentences or ()), names)


def _name_parts(names) -> list[str]:
    parts: set[str] = set()
    for name in names:
        name = EMAIL.sub(" ", name)
        # initials keep their dots ("J.", "M.K."): one letter alone is matched only as an initial
        words = [w.strip(",;:'\"()") for w in name.split()]
        words = [w if _INITIAL_WORD.fullmatch(w) else w.strip(".") for w in words]
        lower = name == name.lower()  # "priya shah", from a greeting typed in lower case
        words = [w for w in words if (len(w) >= 2 and not _INITIAL_WORD.fullmatch(w)
                                      or _INITIAL_WORD.fullmatch(w) and w.replace(".", "").lower() not in _DOTTED_ABBREVIATIONS)
                 and (w[:1].isupper() or lower) and w.lower() not in NOT_NAMES and w.lower() not in _TITLE_WORDS]
        if words:
            parts.add(" ".join(words))
            parts.update(words)
    return sorted(parts, key=len, reverse=True)


@lru_cache(maxsize=4096)
def _names_pattern(parts: tuple[str, ...]) -> re.Pattern | None:
    if not parts:
        return None
    return re.compile(r"(?<![\w@])(?:" + "|".join(re.escape(p) for p in parts) + r")(?![\w@])")


_TITLE_WORDS = frozenset("mr mrs ms miss mx dr prof".split())
_INITIAL_WORD = re.compile(rf"(?:[{_UPPER}]\.)+")


def _phone(m: re.Match) -> str:
    digits = sum(c.isdigit() for c in m.group())
    return PHONE_MARK if 9 <= digits <= 15 else m.group()


def redactor(names=()):
    """A function that redacts e-mail addresses, phone numbers and `names` (and their parts) in a
    text: one pattern for the many texts of one message."""
    parts = tuple(_name_parts(names))
    pattern = _names_pattern(parts)

    def apply(text: str) -> str:
        # each pattern only where it can match: most texts of a row (suggestions, stock sentences) hold
        # no "@", no digit and none of the message's names
        if "@" in text:
            text = EMAIL.sub(EMAIL_MARK, text)
        if "/" in text:
            text = PROFILE_URL.sub(rf"\g<1>{NAME_MARK}", text)
        if _DIGIT.search(text):
            text = PHONE.sub(_phone, text)
        if pattern is not None and any(p in text for p in parts):
            text = pattern.sub(NAME_MARK, text)
        return text

    return apply


_DIGIT = re.compile(r"\d")


def redact(text: str, names=()) -> str:
    """`text` with e-mail addresses, phone numbers, the names it shows (`message_names`) and the
    given (header) names replaced."""
    return redactor(message_names(text, names))(text)


def mask_sender(sender: str, show_pii: bool = False) -> str:
    """A sender label for reports: the address with its local part masked ('j…@acme.com'),
    or a name reduced to initials, unless `show_pii`."""
    if show_pii or not sender:
        return sender
    if MASKED_SENDER.search(sender):
        return sender  # masked already (a row read back on --resume)
    m = EMAIL.search(sender)
    if m:
        return _masked_address(m)
    words = [w for w in re.split(r"\s+", sender.strip()) if w]
    if words and all(w.lower() in NOT_NAMES for w in words):
        return sender  # "Talent Team": not a person
    return " ".join((w[:1].upper() + ".") if w.lower() not in NOT_NAMES else w for w in words)


def _masked_address(m: re.Match) -> str:
    local, _, domain = m.group(0).partition("@")
    return f"{local[:1]}…@{domain}"


def mask_addresses(text: str) -> str:
    """`text` with every e-mail address masked as a sender is ("priya@mail.example" -> "p…@mail.example")."""
    return EMAIL.sub(_masked_address, text) if "@" in text else text


def redact_id(item_id: str, source: str = "") -> str:
    """An input's id with its e-mail addresses masked (an export keyed by the candidate's address); an id made
    unique with its source ("7@in.csv:3") keeps that part as it is. The source (the path to find the input by)
    is never changed."""
    head, sep, tail = item_id.partition("@" + source) if source else (item_id, "", "")
    return mask_addresses(head) + sep + tail


def redact_row(row: dict, names=(), mask_id: bool = False) -> dict:
    """An audit output row with the message's own words redacted as in the reports: with `mask_id` (an id
    from a CSV/JSON id column, not a Message-ID) the e-mail addresses in its id (`redact_id`), the text of its
    sentences, the evidence and suggestions of its findings and the words their messages quote, its warnings;
    its sender masked.
    Sentence offsets still count characters of the original message. `names`: from the headers."""
    sentences = row.get("sentences") or ()
    # the names the message shows, found once per message, are redacted in every sentence
    clean = redactor(row_names(sentences, names))
    out = dict(row)
    if mask_id and isinstance(row.get("id"), str):
        out["id"] = redact_id(row["id"], str(row.get("source") or ""))
    if sentences:
        out["sentences"] = [{**s, "text": clean(s.get("text", ""))} for s in sentences]
    if row.get("findings"):
        out["findings"] = [{**f, "evidence": clean(f.get("evidence") or ""),
                            "suggestions": [clean(x) for x in f.get("suggestions") or ()],
                            **({"message": _QUOTED.sub(lambda m: clean(m.group()), f["message"])}
                               if f.get("message") else {})}
                           if f.get("evidence") or f.get("suggestions") or f.get("message") else f
                           for f in row["findings"]]
    if row.get("warnings"):
        out["warnings"] = [clean(w) for w in row["warnings"]]
    if row.get("sender"):
        out["sender"] = mask_sender(str(row["sender"]))
    out.pop("names", None)
    return out


# a position after a source's path ("inbox.mbox#3", "export.csv:17")
_SOURCE_POSITION = re.compile(r"[#:]\d+\Z")
# files that hold one message, often named after the candidate ("Re application - Priya Raman.eml"); an export's
# name ("northwind_rejections.csv") names a system, not a person
_ONE_MESSAGE_SUFFIXES = (".eml", ".txt", ".html", ".htm")
_PATH_WORD = re.compile(r"[^\W\d_]{3,}")
_NAME_SPLIT = re.compile(r"[^\w'’\-]+|_")


def redact_path(path: str, names=()) -> str:
    """A source path (or an id made of a file name) as the HTML report shows it: the message's `names` redacted in
    any case, between '_', '-', '.' or spaces too ("rejections/priya_sharma.eml"), and in the name of a file that
    holds one message (.eml, .txt, .html) its words of three letters or more that are no English word ("Re
    application - Nnamdi Eze.eml"). The folders and an export's name stay: they are how the input is found."""
    from model.names import is_known_word

    parts = {w.lower() for n in names for w in _NAME_SPLIT.split(EMAIL.sub(" ", n))
             if len(w) >= 2 and w.lower() not in NOT_NAMES and w.lower() not in _TITLE_WORDS}
    if parts:
        pattern = _path_names_pattern(tuple(sorted(parts, key=len, reverse=True)))
        path = pattern.sub(NAME_MARK, path)
    position = _SOURCE_POSITION.search(path)
    file_path = path[:position.start()] if position else path
    cut = max(file_path.rfind("/"), file_path.rfind("\\")) + 1
    folder, name = file_path[:cut], file_path[cut:]
    if name.lower().endswith(_ONE_MESSAGE_SUFFIXES):
        stem, dot, suffix = name.rpartition(".")
        # ("name" of a "[name]" put in above is an English word too)
        stem = _PATH_WORD.sub(lambda m: m.group() if is_known_word(m.group().lower()) or m.group().lower() in NOT_NAMES
                              else NAME_MARK, stem)
        name = stem + dot + suffix
    return folder + name + (position.group() if position else "")


@lru_cache(maxsize=1024)
def _path_names_pattern(parts: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"(?i)(?<![^\W_])(?:" + "|".join(re.escape(p) for p in parts) + r")(?![^\W_])")
