"""The run-time TF-IDF transform reproduces scikit-learn's exactly."""
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from model.tfidf import TfidfEncoder, TfidfPart

SENTENCES = [
    "After careful consideration, we have decided to move forward with other candidates.",
    "Your take-home's caching layer was neat, but the tests never exercised eviction!",
    "We'll keep your CV on file for future opportunities at Acme Ltd.",
    "Dear {{candidate.first_name}}, thank you for applying to the %JOB_TITLE% role.",
    "Unfortunately we can't offer you the night RN spot — ACLS is required from shift one.",
    "Résumé received; naïve café owners need  double   spaces handled too.",
    "Thanks.",
    "",
]


def test_transform_matches_sklearn():
    word = TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True).fit(SENTENCES * 2)
    char = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=1, sublinear_tf=True).fit(SENTENCES)
    ours = TfidfEncoder([TfidfPart.from_sklearn(word), TfidfPart.from_sklearn(char)])
    probe = SENTENCES + ["Completely unseen words here", "caching tests Acme"]
    expected = np.hstack([word.transform(probe).toarray(), char.transform(probe).toarray()])
    np.testing.assert_allclose(ours.encode(probe), expected, rtol=1e-5, atol=1e-6)


def test_round_trip_through_json(tmp_path):
    enc = TfidfEncoder.fit(SENTENCES * 3, word_features=50, char_features=80)
    enc.save(tmp_path / "tfidf.json")
    again = TfidfEncoder.load(tmp_path / "tfidf.json")
    np.testing.assert_array_equal(enc.encode(SENTENCES), again.encode(SENTENCES))
