"""Start and stop a real llama.cpp server (llama-cpp-python's `python -m llama_cpp.server`) on the embedded GGUF.

    python benchmarks/llama_server.py [--port 8080] [--threads 2]   # serve until Ctrl-C, printing the URL

Used by the tests of the openai backend (tests/llm/test_llama_server.py) and by compare_backends.py. The
server listens on loopback only, serves the model under the alias `smollm2`, with a 2048-token window, and
with `interrupt_requests` off: by default llama-cpp-python ends a streamed answer early, with [DONE], whenever
another request arrives, and briefbot sends a job's requests together.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ALIAS = "smollm2"
WINDOW = 2048


def why_not_available() -> str | None:
    """None when llama_cpp.server can be started here, else why not."""
    for module in ("llama_cpp", "fastapi", "uvicorn", "sse_starlette", "starlette_context"):
        if importlib.util.find_spec(module) is None:
            return f"{module} is not installed (pip install -e '.[server]', see .ci/run)"
    return None


class LlamaServer:
    """`with LlamaServer() as server:` a running server at `server.url` (…/v1); stopped and reaped on exit."""

    def __init__(self, gguf: Path | None = None, *, port: int | None = None, threads: int = 2) -> None:
        from bot.llm.loader import embedded_gguf

        self.gguf = gguf or embedded_gguf()
        self.port = port or free_port()
        self.threads = threads
        self.url = f"http://127.0.0.1:{self.port}/v1"
        self.process: subprocess.Popen | None = None
        self._log = tempfile.TemporaryFile()  # noqa: SIM115 (read by log_tail, closed with the object)

    def __enter__(self) -> LlamaServer:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self, wait_s: float = 180.0) -> None:
        command = [
            sys.executable, "-m", "llama_cpp.server",
            "--model", str(self.gguf), "--model_alias", ALIAS,
            "--host", "127.0.0.1", "--port", str(self.port),
            "--n_ctx", str(WINDOW), "--n_threads", str(self.threads), "--n_threads_batch", str(self.threads),
            "--interrupt_requests", "False", "--verbose", "False",
        ]  # fmt: skip
        self.process = subprocess.Popen(command, stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + wait_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"llama_cpp.server exited with {self.process.returncode}: {self.log_tail()}")
            if self._answers():
                return
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"llama_cpp.server did not answer within {wait_s:g} s: {self.log_tail()}")

    def _answers(self) -> bool:
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        try:
            with opener.open(f"{self.url}/models", timeout=2) as response:
                return bool(json.load(response).get("data"))
        except (OSError, ValueError):
            return False

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)

    def log_tail(self, size: int = 600) -> str:
        self._log.seek(0)
        return " ".join(self._log.read().decode("utf-8", "replace")[-size:].split())

    def config(self, **model) -> dict:
        """A briefbot config's `model` section for this server."""
        return {"backend": "openai", "url": self.url, "name": ALIAS, **model}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    problem = why_not_available()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    with LlamaServer(port=args.port, threads=args.threads) as server:
        print(f"serving {server.gguf.name} as '{ALIAS}' at {server.url} (Ctrl-C stops it)", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            server.process.wait()
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    raise SystemExit(main())
