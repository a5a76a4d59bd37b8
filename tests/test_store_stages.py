"""The store loads in stages: the catalogue, then the dictionary, then the aliases and lexicon.

A first ``find()`` reads only the catalogue's files; the title coder asks for
the last stage, the vocabulary, which is built once across threads, is either
whole or absent (a failed load leaves nothing behind and the next call tries
again), and is where a source that no file cites is caught.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import newocc


def _fresh(code: str) -> object:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_queries_never_load_the_vocabulary_and_a_coder_built_from_the_data_does() -> None:
    # The default coder answers from its index snapshot, which was built from the
    # packaged data byte for byte (its digest says so) and so from a vocabulary that
    # loaded and validated; a coder built from the data loads the vocabulary itself.
    report = _fresh(
        """
        import json, newocc
        from newocc import _store
        from newocc.coder import Matcher
        newocc.find(batch=3); newocc.get("4-02-07-08"); newocc.find(scope="dictionary", group="4")
        before = _store._packaged_vocabulary._value is None
        newocc.match("直播带货")
        from_snapshot = _store._packaged_vocabulary._value is None
        Matcher(use_snapshot=False)
        built = _store._packaged_vocabulary._value is not None
        print(json.dumps([before, from_snapshot, built]))
        """
    )
    assert report == [True, True, True]


def test_many_threads_build_the_vocabulary_once() -> None:
    report = _fresh(
        """
        import json, threading
        import newocc._store.loader as loader
        calls = []
        real = loader.load_vocabulary
        def counting(*args, **kwargs):
            calls.append(1)
            return real(*args, **kwargs)
        loader.load_vocabulary = counting
        import newocc._store as store
        barrier = threading.Barrier(16)
        seen = []
        def ask():
            barrier.wait()
            seen.append(store.vocabulary())
        threads = [threading.Thread(target=ask) for _ in range(16)]
        for t in threads: t.start()
        for t in threads: t.join()
        print(json.dumps({"loads": len(calls), "same": all(s is seen[0] for s in seen), "n": len(seen)}))
        """
    )
    assert report == {"loads": 1, "same": True, "n": 16}


def test_a_failed_vocabulary_load_leaves_nothing_and_the_next_call_loads() -> None:
    report = _fresh(
        """
        import json
        from newocc._store import resources
        real = resources.read_data
        broken = {"on": True}
        def read(name):
            if broken["on"] and name == "lexicon_heads.json":
                return b'[{"suffix": 3, "roles": [], "tolerates": [], "sources": [], "common_usage": true}]'
            return real(name)
        resources.read_data = read
        import newocc
        from newocc import CatalogueError, _store
        first = len(newocc.find(batch=3))
        try:
            newocc.search("直播带货")
        except CatalogueError as error:
            failed = [error.file, error.field]
        half = _store._packaged_vocabulary._value
        broken["on"] = False
        words = _store.vocabulary()
        print(json.dumps({
            "first": first, "failed": failed, "half": half is None,
            "aliases": len(words.aliases) > 1000, "heads": len(words.lexicon.heads) > 1,
        }))
        """
    )
    assert report == {
        "first": len(newocc.find(batch=3)),
        "failed": ["lexicon_heads.json", "suffix"],
        "half": True,
        "aliases": True,
        "heads": True,
    }
