"""The digest worker: a fresh process that digests chunks of briefing periods for a cold build.

Run as `python -m builder.digest_worker` by builder/periods.py, it reads (periods, URLs,
settings) pickles on its standard input and answers each with the pickled digests on its
standard output, until the input ends. A fresh process, not a fork: a fork inherits the
build's whole archive, and what digesting allocates lands in its half-used memory pages, each
then copied (at 20,000 articles, two forked workers held 1,066 MiB between them).
"""

from __future__ import annotations

import os
import pickle
import sys


def serve() -> None:
    """Digest every chunk the input gives, in order, one answer per chunk."""
    from .periods import digest_chunk
    from .topics import StemAnalyser

    answers = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())  # whatever a library prints goes to stderr
    requests = sys.stdin.buffer
    analyser = None
    while True:
        try:
            chunk, urls, config = pickle.load(requests)
        except EOFError:
            break
        analyser = analyser or StemAnalyser(config.language)  # its memos carry over to the next chunk
        pickle.dump(digest_chunk(chunk, urls, config, analyser), answers, protocol=pickle.HIGHEST_PROTOCOL)
        answers.flush()


if __name__ == "__main__":
    serve()
