"""Replaying HTTP for the fetch tests: a requests adapter that serves canned replies."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

import requests
from requests.structures import CaseInsensitiveDict

Reply = tuple[int, dict[str, str], bytes] | BaseException
Handler = Callable[[requests.PreparedRequest], Reply]


class Replay(requests.adapters.BaseAdapter):
    """Serves responses from ``handler`` and records every request."""

    def __init__(self, handler: Handler) -> None:
        super().__init__()
        self.handler = handler
        self.requests: list[requests.PreparedRequest] = []

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        self.requests.append(request)
        reply = self.handler(request)
        if isinstance(reply, BaseException):
            raise reply
        status, headers, body = reply
        response = requests.Response()
        response.status_code = status
        response.reason = {200: "OK", 206: "Partial Content"}.get(status, "Error")
        response.headers = CaseInsensitiveDict(headers)
        response.raw = io.BytesIO(body)
        response.url = request.url or ""
        response.request = request
        return response

    def close(self) -> None:
        pass

    def query(self, i: int) -> dict[str, str]:
        return {k: v[0] for k, v in parse_qs(urlsplit(self.requests[i].url).query).items()}


def session_for(handler: Handler) -> tuple[requests.Session, Replay]:
    """A session whose http(s) requests all go to ``handler``."""
    adapter = Replay(handler)
    session = requests.Session()
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return session, adapter
