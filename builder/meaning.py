"""Sentence meaning offline: WordLlama's static embeddings, whose weights ship inside its wheel.

Words fail where outlets tell one development in different words ("hardliners reject the
proposal" / "critics denounce the plan"); embeddings place such wordings near each other. The
model is loaded once per process from the package folder, never from the network, and embeds
about 40,000 sentences a second on one core, so a briefing's sentences cost milliseconds.
"""

from __future__ import annotations

import collections
import functools
from pathlib import Path
from typing import Sequence

import numpy

MODEL = "l2_supercat"  # WordLlama's default model; the 256-dimension weights are in the wheel
DIMENSIONS = 256
# Each article is in several overlapping briefings, digested in date order: its sentences are
# embedded once per build if the memo holds a period's worth. 10,000 vectors (10 MB) hold three
# days of 200 articles of 17 sentences (the benchmark's articles average 17); 50,000 would hold
# 50 MB for sentences no later period uses.
MEMO_SIZE = 10_000
_memo: "collections.OrderedDict[str, numpy.ndarray]" = collections.OrderedDict()


@functools.cache
def _model():
    """The WordLlama model, loaded offline from the installed package (never downloaded)."""
    import wordllama
    from wordllama import WordLlama

    return WordLlama.load(config=MODEL, cache_dir=Path(wordllama.__file__).parent, dim=DIMENSIONS,
                          disable_download=True)


def embed(texts: Sequence[str]) -> numpy.ndarray:
    """Unit-length embeddings of the texts, one row each (float32)."""
    if not texts:
        return numpy.zeros((0, DIMENSIONS), dtype=numpy.float32)
    missing = list(dict.fromkeys(t for t in texts if t not in _memo))
    if missing:
        # A text's vector does not depend on its batch (mean pooling over its own tokens), so
        # batching and memoising keep the output deterministic.
        vectors = numpy.nan_to_num(numpy.asarray(_model().embed(missing, norm=True), dtype=numpy.float32))
        for text, vector in zip(missing, vectors):
            _memo[text] = vector
    result = numpy.stack([_memo[t] for t in texts])
    for text in texts:
        _memo.move_to_end(text)
    while len(_memo) > MEMO_SIZE:
        _memo.popitem(last=False)
    return result


def cosine(a: numpy.ndarray, b: numpy.ndarray) -> numpy.ndarray:
    """Cosine similarity of every row of a with every row of b (rows are unit length),
    rounded so that the last bits of floating point never change a decision."""
    if len(a) == 0 or len(b) == 0:
        return numpy.zeros((len(a), len(b)), dtype=numpy.float32)
    return numpy.round(a @ b.T, 4).astype(numpy.float32)
